package dev.mantlemock.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.faults.FaultKind;
import dev.mantlemock.faults.FaultRuleSpec;
import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.StrictUpstream;
import dev.mantlemock.testing.TestRequests;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record mode against a strict upstream mock that knows only the recorder's credentials: answers are
 * relayed as they arrive, written as ordinary fixtures, and replayed offline with the same results.
 */
class RecordReplayTest {
    private static final String MODEL = RunningMock.MODEL;

    @TempDir
    Path recordings;

    private RunningMock recorder(RunningMock upstream, Consumer<MockConfig> more) {
        return recorder(upstream.baseUrl(), more);
    }

    private RunningMock recorder(String upstreamUrl, Consumer<MockConfig> more) {
        return RunningMock.start(StrictUpstream.recordingFrom(upstreamUrl, recordings).andThen(more));
    }

    private RunningMock replay(String onMiss) {
        return RunningMock.start(c -> {
            c.fixtures = recordings.toString();
            c.record.onMiss = onMiss;
            c.thinking.signingKey = StrictUpstream.SIGNING_KEY;
        });
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city")).build())
                .build();
    }

    /** One user's session: a tool-use loop of two turns, a thinking answer, a streamed answer. What is compared. */
    private static List<String> session(AnthropicClient client) {
        List<String> seen = new ArrayList<>();
        MessageCreateParams first = MessageCreateParams.builder().model(MODEL).maxTokens(300)
                .addUserMessage("What is the weather in Paris?").addTool(weatherTool())
                .toolChoice(ToolChoiceAny.builder().build()).build();
        Message call = client.messages().create(first);
        seen.add(summary(call));
        ToolUseBlock use = call.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
        Message answer = client.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(300)
                .addUserMessage("What is the weather in Paris?").addTool(weatherTool())
                .addMessage(call)
                .addMessage(MessageParam.ofUserOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(use.id()).content("12 degrees and sunny").build()))))
                .build());
        seen.add(summary(answer));
        seen.add(summary(client.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(4000)
                .enabledThinking(1024).addUserMessage("What is 17 times 23?").build())));
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(MessageCreateParams.builder()
                .model(MODEL).maxTokens(200).addUserMessage("Tell me a short story.").build())) {
            stream.stream().forEach(acc::accumulate);
        }
        seen.add(summary(acc.message()));
        seen.add("count_tokens " + client.messages().countTokens(MessageCountTokensParams.builder().model(MODEL)
                .addUserMessage("How many tokens is this?").build()).inputTokens());
        return seen;
    }

    private static String summary(Message m) {
        return m.content() + " / " + m.stopReason() + " / " + m.usage().outputTokens();
    }

    private List<JsonNode> recordedFiles() throws Exception {
        try (Stream<Path> files = Files.list(recordings)) {
            List<JsonNode> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(TestRequests.MAPPER.readTree(p.toFile()));
            }
            return out;
        }
    }

    @Test
    void theUpstreamRefusesTheClientButAnswersTheRecorderWhichSignsAgain() throws Exception {
        try (RunningMock upstream = StrictUpstream.start(c -> c.quota.rateLimitHeaders = true);
                RunningMock recorder = recorder(upstream, c -> {})) {
            MessageCreateParams hello = MessageCreateParams.builder().model(MODEL).maxTokens(50).addUserMessage("Hello").build();
            assertThatThrownBy(() -> upstream.client().messages().create(hello)).isInstanceOf(UnauthorizedException.class);

            Message relayed = recorder.client().messages().create(hello);

            assertThat(relayed.content()).isNotEmpty();
            var raw = recorder.postMessages(hello("Hello"));
            JsonNode seen = upstreamJournal(upstream, 3); // the refused request, then the two relayed ones
            assertThat(seen.toString()).contains("Credential=" + StrictUpstream.ACCESS_KEY_ID + "/");
            assertThat(raw.headers().firstValue("request-id")).as("the upstream's request id, kept")
                    .contains(seen.get(2).path("requestId").asText());
            assertThat(raw.headers().firstValue("anthropic-ratelimit-input-tokens-limit")).isPresent();
        }
    }

    @Test
    void aRecordedSessionReplaysOfflineWithEqualAnswersAndAMissNamesTheNearestRecording() throws Exception {
        List<String> live;
        try (RunningMock upstream = StrictUpstream.start(c -> {}); RunningMock recorder = recorder(upstream, c -> {})) {
            live = session(recorder.client());
        }
        List<JsonNode> files = recordedFiles();
        assertThat(files).hasSize(5);
        assertThat(files.toString()).contains("\"endpoint\":\"count_tokens\"");
        assertThat(files).allSatisfy(f -> assertThat(f.path("match").path("ignore").toString()).isEqualTo("[\"/stream\"]"));
        assertThat(files.toString()).contains("\"type\":\"tool_use\"", "\"type\":\"thinking\"", "\"preset\":\"recorded\"");

        try (RunningMock replay = replay("fail")) {
            assertThat(session(replay.client())).isEqualTo(live);

            var miss = replay.postMessages("{\"model\":\"" + MODEL + "\",\"max_tokens\":300,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Rome?\"}]}");
            assertThat(miss.statusCode()).isEqualTo(404);
            assertThat(miss.body()).contains("not_found_error", "Nearest recordings: 'recorded-" + MODEL,
                    "differs at /messages/0/content");
        }
    }

    @Test
    void aStreamIsRelayedEventByEventWhileTheUpstreamIsStillWriting() throws Exception {
        try (RunningMock upstream = StrictUpstream.start(c -> c.streaming.tokensPerSecond = 8.0);
                RunningMock recorder = recorder(upstream, c -> {});
                Socket client = new Socket("127.0.0.1", recorder.server().port())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write(RawRequest.messages("{\"model\":\"" + MODEL + "\",\"max_tokens\":40,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Count slowly to ten for me please.\"}]}"));
            String head = RawRequest.readUntil(client.getInputStream(), "event: content_block_delta");

            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("request-id: req_");
            assertThat(upstream.server().controls().metrics().openStreamCount()).as("the upstream is still streaming").isEqualTo(1);
            String rest = RawRequest.readUntil(client.getInputStream(), "event: message_stop");
            assertThat(rest).contains("message_delta");
        }
        JsonNode recording = awaitRecordings(1).get(0);
        assertThat(recording.path("recorded").path("streamed").asBoolean()).isTrue();
        assertThat(recording.path("recorded").path("gaps-ms").size()).isPositive();
        assertThat(recording.path("timing").path("tokens-per-second").asDouble()).isPositive();
    }

    @Test
    void recordModeFitsTheLatencyModelToTheUpstreamsStreamsSoATeamCanLoadItsOwnFigures() throws Exception {
        Path table = Files.createTempFile("upstream-latency", ".yaml");
        Files.writeString(table, """
                defaults: {overhead-ms: 100, prefill-ms-per-1k-input-tokens: 400, tokens-per-second: 2000, capacity: 1000,
                           slowdown-at-capacity: 2, source: the upstream of this test}
                families: []
                """);
        try (RunningMock upstream = StrictUpstream.start(c -> {
                    c.streaming.latencyModel = "on";
                    c.streaming.latencyTable = table.toString();
                });
                RunningMock recorder = recorder(upstream, c -> {})) {
            for (int words : new int[] {50, 1500, 3000}) {
                try (StreamResponse<RawMessageStreamEvent> stream = recorder.client().messages().createStreaming(MessageCreateParams.builder()
                        .model(MODEL).maxTokens(30).addUserMessage("word ".repeat(words)).build())) {
                    stream.stream().forEach(e -> { });
                }
            }
        }
        Path fitted = recordings.resolve("latency-fitted.yaml");
        long deadline = System.nanoTime() + 3_000_000_000L; // a recording is written just after its relay ends
        while (!(Files.exists(fitted) && Files.readString(fitted).contains("fitted to 3")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        dev.mantlemock.latency.LatencyProfile p = dev.mantlemock.latency.LatencyTable.from(fitted).forModel(MODEL);
        // Timers only add delay, and the larger prompts wait far longer: the fitted slope lands near the upstream's.
        assertThat(p.prefillMillisPer1kInput()).as(Files.readString(fitted)).isBetween(200.0, 800.0);
        assertThat(p.source()).contains("fitted to 3 streamed answers");
    }

    @Test
    void anUpstream429IsRelayedWithItsRetryAfterAndReplayedAsRecorded() throws Exception {
        try (RunningMock upstream = StrictUpstream.start(c -> {}); RunningMock recorder = recorder(upstream, c -> {})) {
            FaultRuleSpec limit = FaultRuleSpec.of(FaultKind.RATE_LIMIT);
            limit.retryAfterSeconds = 7;
            upstream.server().controls().faults().add(limit);
            var relayed = recorder.postMessages(hello("Busy?"));
            assertThat(relayed.statusCode()).isEqualTo(429);
            assertThat(relayed.headers().firstValue("retry-after")).contains("7");
            assertThat(relayed.headers().firstValue("request-id")).isPresent();
        }
        JsonNode recording = awaitRecordings(1).get(0);
        assertThat(recording.path("error").path("status").asInt()).isEqualTo(429);
        assertThat(recording.path("error").path("headers").path("retry-after").asText()).isEqualTo("7");

        try (RunningMock replay = replay("fail")) {
            assertThatThrownBy(() -> replay.client().messages().create(MessageCreateParams.builder().model(MODEL)
                    .maxTokens(50).addUserMessage("Busy?").build())).isInstanceOf(RateLimitException.class);
            assertThat(replay.postMessages(hello("Busy?")).headers().firstValue("retry-after")).contains("7");
        }
    }

    @Test
    void anUpstreamThatDropsMidStreamDropsTheClientAndNothingIsRecorded() throws Exception {
        // Paced, so the first events reach the recorder before the drop: the JDK's client fails a read at once
        // on a dropped connection, even with bytes still unread (then the client is cut before any event).
        try (RunningMock upstream = StrictUpstream.start(c -> c.streaming.tokensPerSecond = 20.0);
                RunningMock recorder = recorder(upstream, c -> {});
                Socket client = new Socket("127.0.0.1", recorder.server().port())) {
            FaultRuleSpec drop = FaultRuleSpec.of(FaultKind.DROP_CONNECTION);
            drop.afterEvents = 5;
            upstream.server().controls().faults().add(drop);
            client.setSoTimeout(10_000);
            client.getOutputStream().write(RawRequest.messages(hello("Drop me").replaceFirst("\\{", "{\"stream\":true,")));
            String all = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(all).startsWith("HTTP/1.1 200").contains("event: message_start").doesNotContain("event: message_stop");
        }
        Thread.sleep(300); // the recorder decides after the relay ends
        assertThat(recordedFiles()).isEmpty();
    }

    @Test
    void aClientThatLeavesMidStreamEndsTheUpstreamStreamToo() throws Exception {
        try (RunningMock upstream = StrictUpstream.start(c -> c.streaming.tokensPerSecond = 4.0);
                RunningMock recorder = recorder(upstream, c -> {})) {
            Socket client = new Socket("127.0.0.1", recorder.server().port());
            client.setSoTimeout(10_000);
            client.getOutputStream().write(RawRequest.messages("{\"model\":\"" + MODEL + "\",\"max_tokens\":400,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + "Write a long story. ".repeat(20) + "\"}]}"));
            RawRequest.readUntil(client.getInputStream(), "event: content_block_delta");
            assertThat(upstream.server().controls().metrics().openStreamCount()).isEqualTo(1);

            client.close();

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (upstream.server().controls().metrics().openStreamCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(upstream.server().controls().metrics().openStreamCount()).as("upstream streams still open").isZero();
            assertThat(upstream.server().pendingPacerTasks()).isZero();
        }
        assertThat(recordedFiles()).isEmpty();
    }

    @Test
    void replayOnMissRecordAsksTheUpstreamOnlyForWhatNoRecordingAnswers() throws Exception {
        try (RunningMock upstream = StrictUpstream.start(c -> {})) {
            try (RunningMock recorder = recorder(upstream, c -> {})) {
                recorder.postMessages(hello("Once"));
            }
            assertThat(awaitRecordings(1)).hasSize(1);
            try (RunningMock replay = recorder(upstream, c -> {
                c.fixtures = recordings.toString();
                c.record.onMiss = "record";
            })) {
                assertThat(replay.postMessages(hello("Once")).statusCode()).isEqualTo(200);
                Thread.sleep(200); // long enough for a journal entry, were the request sent upstream
                assertThat(upstreamRequests(upstream, 1)).as("answered from the recording").isEqualTo(1);

                assertThat(replay.postMessages(hello("Twice")).statusCode()).isEqualTo(200);
                assertThat(upstreamRequests(upstream, 2)).as("the miss went upstream").isEqualTo(2);
                assertThat(awaitRecordings(2)).hasSize(2);
            }
        }
    }

    @Test
    void withoutCredentialsForTheUpstreamTheClientIsToldWhatToSetAndNothingIsRecorded() throws Exception {
        try (RunningMock upstream = StrictUpstream.start(c -> {}); RunningMock recorder = recorder(upstream, c ->
                c.upstreamCredentials = () -> {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load credentials from any of the providers");
                })) {
            var refused = recorder.postMessages(hello("No keys"));
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.headers().firstValue("x-should-retry")).as("a setup error: retrying cannot help").contains("false");
            assertThat(refused.body()).contains("api_error", "could not sign the request for the upstream",
                    "Unable to load credentials", "AWS_BEARER_TOKEN_BEDROCK");
            assertThat(upstreamRequests(upstream, 0)).isZero();

        }
        RunningMock gone = StrictUpstream.start(c -> {});
        String nobodyThere = gone.baseUrl();
        gone.close();
        try (RunningMock recorder = recorder(nobodyThere, c -> {})) {
            var unreachable = recorder.postMessages(hello("Nobody home"));
            assertThat(unreachable.statusCode()).isEqualTo(502);
            assertThat(unreachable.body()).contains("did not answer: ConnectException");
        }
        Thread.sleep(200);
        assertThat(recordedFiles()).isEmpty();
    }

    @Test
    void anUpstreamThatIsNotMantleStillGivesTheClientARequestId() throws Exception {
        // A proxy or a wrong URL answers without Anthropic's headers: the client still gets a request id to quote.
        com.sun.net.httpserver.HttpServer notMantle = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        notMantle.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        notMantle.start();
        try (RunningMock recorder = recorder("http://127.0.0.1:" + notMantle.getAddress().getPort() + "/anthropic", c -> {})) {
            var answer = recorder.postMessages(hello("Anyone?"));
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        } finally {
            notMantle.stop(0);
        }
    }

    private static int upstreamRequests(RunningMock upstream, int expected) throws InterruptedException {
        return upstreamJournal(upstream, expected).size();
    }

    /** The upstream's journal once it holds {@code count} entries (or after 3 s): an entry is written just after the answer. */
    private static JsonNode upstreamJournal(RunningMock upstream, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        JsonNode entries = TestRequests.node(upstream.get("/_mock/requests").body()).path("requests");
        while (entries.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            entries = TestRequests.node(upstream.get("/_mock/requests").body()).path("requests");
        }
        return entries;
    }

    @Test
    void replayMatchesTheWholeBodyUnlessTheConfigRelaxesChosenFields() throws Exception {
        try (RunningMock upstream = StrictUpstream.start(c -> {}); RunningMock recorder = recorder(upstream, c -> {})) {
            recorder.postMessages(hello("Relax"));
        }
        assertThat(awaitRecordings(1)).hasSize(1);
        String other = hello("Relax").replace("\"max_tokens\":50", "\"max_tokens\":99,\"metadata\":{\"user_id\":\"u-1\"}");

        try (RunningMock exact = replay("fail")) {
            assertThat(exact.postMessages(hello("Relax").replaceFirst("\\{", "{\"stream\":true,")).statusCode())
                    .as("the streamed form of a recorded JSON request").isEqualTo(200);
            var miss = exact.postMessages(other);
            assertThat(miss.statusCode()).isEqualTo(404);
            assertThat(miss.body()).contains("differs at /max_tokens, /metadata");
        }
        try (RunningMock relaxed = RunningMock.start(c -> {
            c.fixtures = recordings.toString();
            c.record.onMiss = "fail";
            c.record.ignore = List.of("/max_tokens", "/metadata");
        })) {
            assertThat(relaxed.postMessages(other).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRecordingStreamsAtItsCapturedPaceUnlessReplayTimingSaysPreset() throws Exception {
        Files.writeString(recordings.resolve("paced.json"), """
                {"name": "paced", "match": {"body": {"model": "%s", "max_tokens": 50,
                   "messages": [{"role": "user", "content": "Pace"}]}, "ignore": ["/stream"]},
                 "response": {"content": [{"type": "text", "text": "Slowly."}], "stop_reason": "end_turn"},
                 "timing": {"preset": "recorded", "time-to-first-token-ms": 700, "tokens-per-second": 0}}
                """.formatted(MODEL));
        String streamed = hello("Pace").replaceFirst("\\{", "{\"stream\":true,");
        try (RunningMock replay = replay("fail")) {
            long start = System.nanoTime();
            assertThat(replay.postMessages(streamed).body()).contains("Slowly.");
            assertThat((System.nanoTime() - start) / 1_000_000).as("waited for the recorded first token").isGreaterThanOrEqualTo(700);
        }
        try (RunningMock preset = RunningMock.start(c -> {
            c.fixtures = recordings.toString();
            c.record.replayTiming = "preset";
            c.streaming.timeToFirstTokenMillis = 0L;
        })) {
            assertThat(preset.postMessages(streamed).body()).contains("Slowly.");
        }
    }

    private static String hello(String text) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    /** The recordings once there are {@code count} of them: a file is written just after the relay ends. */
    private List<JsonNode> awaitRecordings(int count) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<JsonNode> files = recordedFiles();
        while (files.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            files = recordedFiles();
        }
        return files;
    }
}
