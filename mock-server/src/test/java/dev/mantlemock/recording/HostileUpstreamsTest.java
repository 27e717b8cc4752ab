package dev.mantlemock.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.testing.FakeUpstream;
import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.StrictUpstream;
import dev.mantlemock.testing.TestRequests;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Record mode against upstreams that misbehave (issue 28): an answer that never ends, a line that never
 * ends, a stream of valid events that never ends, silence, shapes no replay could load, a redirect.
 * Each case asserts a bound the mock keeps (bytes the upstream managed to send, connections left open,
 * relays in flight, files written), never a time.
 */
@Timeout(120)
class HostileUpstreamsTest {
    private static final String MODEL = RunningMock.MODEL;
    /** What the upstream may push into the loopback socket buffers before the mock's limit bites and it closes. */
    private static final long SOCKET_SLACK = 32L * 1024 * 1024;

    @TempDir
    Path recordings;

    private RunningMock recorder(FakeUpstream upstream, Consumer<MockConfig> limits) {
        return RunningMock.start(StrictUpstream.recordingFrom(upstream.baseUrl(), recordings).andThen(limits));
    }

    private static String hello(String text, boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":50," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    @Test
    void anEndlessJsonBodyIsRefusedAtItsLimitTheConnectionClosedAndNothingRecorded() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.endlessBody());
                RunningMock recorder = recorder(upstream, c -> c.upstream.maxBodyBytes = 1024 * 1024)) {
            HttpResponse<String> answer = recorder.postMessages(hello("Endless", false));

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.body()).contains("api_error", "upstream.max-body-bytes");
            assertThat(answer.headers().firstValue("request-id")).isPresent();
            assertThat(FakeUpstream.await(() -> upstream.open() == 0)).as("the upstream connection closed").isTrue();
            assertThat(upstream.written()).as("bytes the upstream could send").isLessThan(1024 * 1024 + SOCKET_SLACK);
            assertNothingRecorded(recorder, 1);
        }
    }

    @Test
    void anEndlessSseLineIsRefusedBeforeAnythingIsSentAndTheUpstreamClosed() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.endlessSseLine());
                RunningMock recorder = recorder(upstream, c -> c.upstream.maxLineBytes = 64 * 1024)) {
            String all = readWhole(recorder, hello("Endless line", true));

            assertThat(all).startsWith("HTTP/1.1 502").contains("api_error", "upstream.max-line-bytes", "request-id");
            assertThat(FakeUpstream.await(() -> upstream.open() == 0)).isTrue();
            assertThat(upstream.written()).isLessThan(64 * 1024 + SOCKET_SLACK);
            assertNothingRecorded(recorder, 1);
        }
    }

    @Test
    void endlessValidEventsToAClientThatReadsThemAreCutAtTheEventLimit() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.deltas(-1));
                RunningMock recorder = recorder(upstream, c -> c.upstream.maxEvents = 2_000)) {
            String all = readWhole(recorder, hello("Endless deltas", true));

            long events = all.lines().filter(l -> l.startsWith("event: ")).count();
            assertThat(events).as("events relayed").isBetween(100L, 2_000L);
            assertThat(all).doesNotContain("event: message_stop");
            assertThat(FakeUpstream.await(() -> upstream.open() == 0)).isTrue();
            assertNothingRecorded(recorder, 1);
        }
    }

    @Test
    void aStreamLargerThanWhatMayBeKeptReachesTheClientWholeButIsNotRecorded() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.deltas(3_000));
                RunningMock recorder = recorder(upstream, c -> c.upstream.maxKeptBytes = 64 * 1024)) {
            String all = readWhole(recorder, hello("Long but finite", true));

            assertThat(all).contains("event: message_stop");
            assertThat(all.lines().filter(l -> l.equals("event: content_block_delta")).count()).isEqualTo(3_000);
            assertNothingRecorded(recorder, 1);
        }
    }

    @Test
    void theSameStreamWithinTheBoundsIsRecordedAndReplays() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.deltas(20));
                RunningMock recorder = recorder(upstream, c -> {})) {
            assertThat(readWhole(recorder, hello("Short", true))).contains("event: message_stop");
            awaitAnswered(recorder, 1);
        }
        assertThat(recordingFiles()).hasSize(1);
        try (RunningMock replay = replay(c -> {})) {
            assertThat(replay.postMessages(hello("Short", false)).body()).contains("word word");
        }
    }

    @Test
    void anUpstreamThatAcceptsAndStaysSilentIsLeftAtOnceWhenItsClientsGoAndTheQueueIsBounded() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.silent());
                RunningMock recorder = recorder(upstream, c -> {
                    c.upstream.maxRelays = 2;
                    c.upstream.maxQueued = 2;
                })) {
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket("127.0.0.1", recorder.server().port());
                s.getOutputStream().write(RawRequest.messages(hello("Anyone there " + i, false)));
                clients.add(s);
            }
            assertThat(FakeUpstream.await(() -> upstream.accepted() == 2 && recorder.server().upstreamRelaysInFlight() == 4))
                    .as("two relays waiting on the upstream, two queued").isTrue();

            HttpResponse<String> fifth = recorder.postMessages(hello("One too many", false));
            assertThat(fifth.statusCode()).isEqualTo(429);
            assertThat(fifth.body()).contains("rate_limit_error", "upstream.max-relays");

            for (Socket s : clients) {
                s.close();
            }
            assertThat(FakeUpstream.await(() -> upstream.open() == 0 && recorder.server().upstreamRelaysInFlight() == 0))
                    .as("every upstream connection closed, no relay left").isTrue();
            assertThat(upstream.accepted()).as("the queued requests never went upstream").isEqualTo(2);
            assertThat(recorder.get("/_mock/metrics").body()).contains("mantle_mock_upstream_relays 0\n");
        }
        assertThat(recordingFiles()).isEmpty();
    }

    @Test
    void anUpstreamThatNeverSendsItsStatusLineIsA504OnceTheAnswerTimeIsUp() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.silent());
                RunningMock recorder = recorder(upstream, c -> c.upstream.answerTimeoutSeconds = 0.5)) {
            HttpResponse<String> answer = recorder.postMessages(hello("Hello?", false));

            assertThat(answer.statusCode()).isEqualTo(504);
            assertThat(answer.body()).contains("timeout_error", "upstream.answer-timeout-seconds");
            assertThat(FakeUpstream.await(() -> upstream.open() == 0)).as("the upstream connection closed").isTrue();
            assertNothingRecorded(recorder, 1);
        }
    }

    static Stream<Arguments> answersNoReplayCouldLoad() {
        return Stream.of(
                Arguments.of("a made-up stop reason", FakeUpstream.message("[{\"type\":\"text\",\"text\":\"Hi\"}]", "made_up_reason"), 200),
                Arguments.of("a tool_use without a name", FakeUpstream.message("[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"input\":{}}]", "tool_use"), 200),
                Arguments.of("text that is an object", FakeUpstream.message("[{\"type\":\"text\",\"text\":{\"a\":1}}]", "end_turn"), 200),
                Arguments.of("a stream of invalid JSON", FakeUpstream.invalidJsonStream(), 200),
                Arguments.of("a proxy's HTML page", FakeUpstream.raw(200, "text/html", "<html><body>Gateway says hi</body></html>"), 200),
                Arguments.of("a redirect", FakeUpstream.raw(307, "text/plain", "", "location", "http://127.0.0.1:9/elsewhere"), 307));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answersNoReplayCouldLoad")
    void anAnswerNoReplayCouldLoadIsRelayedAsItCameAndNotRecorded(String what, FakeUpstream.Behaviour answer, int status)
            throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(answer); RunningMock recorder = recorder(upstream, c -> {})) {
            HttpResponse<String> relayed = recorder.postMessages(hello("Odd " + what, false));

            assertThat(relayed.statusCode()).isEqualTo(status);
            assertNothingRecorded(recorder, 1);
        }
        try (RunningMock replay = replay(c -> {})) {
            assertThat(replay.postMessages(hello("Odd " + what, false)).statusCode()).as("replay starts, and misses").isEqualTo(404);
        }
    }

    @Test
    void aReplayStartsWithoutABadFileAndNamesItUnlessStrictnessIsAskedFor() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.deltas(5)); RunningMock recorder = recorder(upstream, c -> {})) {
            readWhole(recorder, hello("Good", true));
            awaitAnswered(recorder, 1);
        }
        Files.writeString(recordings.resolve("hand-edited.json"), "{\"name\": \"bad\", \"response\": {\"content\": [],"
                + " \"stop_reason\": \"made_up_reason\"}}");

        try (RunningMock replay = replay(c -> {})) {
            assertThat(replay.postMessages(hello("Good", false)).statusCode()).isEqualTo(200);
            assertThat(replay.server().controls().fixtures().skipped()).singleElement().asString()
                    .contains("hand-edited.json", "made_up_reason");
        }
        assertThatThrownBy(() -> replay(c -> c.fixtureLimits.strict = true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hand-edited.json");
    }

    private RunningMock replay(Consumer<MockConfig> more) {
        return RunningMock.start(((Consumer<MockConfig>) c -> {
            c.fixtures = recordings.toString();
            c.record.onMiss = "fail";
        }).andThen(more));
    }

    /** Sends a request on a raw socket and reads until the mock closes the connection (a relayed stream ends so). */
    private static String readWhole(RunningMock mock, String body) throws Exception {
        try (Socket client = new Socket("127.0.0.1", mock.server().port())) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write(RawRequest.messages(body, "connection", "close"));
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Waits until the journal holds {@code count} answered exchanges: the recorder has decided by then. */
    private static void awaitAnswered(RunningMock mock, int count) throws InterruptedException {
        assertThat(FakeUpstream.await(() -> {
            JsonNode entries = TestRequests.node(mock.get("/_mock/requests").body()).path("requests");
            int answered = 0;
            for (JsonNode e : entries) {
                answered += e.path("pending").asBoolean() ? 0 : 1;
            }
            return answered >= count;
        })).as("%d answered exchanges in the journal", count).isTrue();
    }

    private void assertNothingRecorded(RunningMock mock, int exchanges) throws Exception {
        awaitAnswered(mock, exchanges);
        assertThat(recordingFiles()).isEmpty();
    }

    private List<Path> recordingFiles() throws Exception {
        try (Stream<Path> files = Files.list(recordings)) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }
}
