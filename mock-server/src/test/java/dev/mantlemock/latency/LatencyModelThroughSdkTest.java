package dev.mantlemock.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.mantlemock.testing.ScopedMock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The latency model as a user sees it through the SDK. Only lower bounds on time are asserted (a timer
 * never fires early), so a busy machine cannot fail it: a long prompt's first token waits at least its
 * prefill time, which the table below makes far longer than a short prompt's.
 */
class LatencyModelThroughSdkTest {
    private static ScopedMock mock;

    @BeforeAll
    static void start() throws IOException {
        Path table = Files.createTempFile("latency", ".yaml");
        Files.writeString(table, """
                defaults:
                  overhead-ms: 0
                  prefill-ms-per-1k-input-tokens: 400
                  tokens-per-second: 100000
                  capacity: 32
                  slowdown-at-capacity: 2
                  source: this test
                families: []
                """);
        mock = ScopedMock.start(c -> {
            c.streaming.latencyModel = "on";
            c.streaming.latencyTable = table.toString();
        });
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static long millisToFirstDelta(int words) {
        MessageCreateParams ask = MessageCreateParams.builder().model(ScopedMock.MODEL).maxTokens(20)
                .addUserMessage("word ".repeat(words)).build();
        long t0 = System.nanoTime();
        try (StreamResponse<RawMessageStreamEvent> stream = mock.client("latency", 0).messages().createStreaming(ask)) {
            return stream.stream().filter(RawMessageStreamEvent::isContentBlockDelta).findFirst()
                    .map(e -> (System.nanoTime() - t0) / 1_000_000).orElseThrow();
        }
    }

    @Test
    void withTheModelOnTheFirstTokenOfALongPromptWaitsItsPrefillTime() {
        long longPrompt = millisToFirstDelta(3_000); // some 3,000 tokens: at least 1.2 s of prefill
        assertThat(longPrompt).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void aFixtureCanSwitchTheModelOnForItsOwnAnswersWhenTheRunLeavesItOff() throws IOException {
        Path fixtures = Files.createTempDirectory("latency-fixtures");
        Path table = Path.of(System.getProperty("java.io.tmpdir")).resolve("latency-fixture-table.yaml");
        Files.writeString(table, """
                defaults: {overhead-ms: 2000, prefill-ms-per-1k-input-tokens: 0, tokens-per-second: 100000,
                           capacity: 32, slowdown-at-capacity: 2, source: this test}
                families: []
                """);
        Files.writeString(fixtures.resolve("modelled.json"), """
                {"name": "modelled", "match": {"body": {"model": "%s", "max_tokens": 20}, "ignore": ["/stream", "/messages"]},
                 "response": {"content": [{"type": "text", "text": "Modelled."}], "stop_reason": "end_turn"},
                 "timing": {"latency-model": "on"}}
                """.formatted(ScopedMock.MODEL));
        try (ScopedMock off = ScopedMock.start(c -> {
            c.fixtures = fixtures.toString();
            c.streaming.latencyTable = table.toString();
        })) {
            MessageCreateParams ask = MessageCreateParams.builder().model(ScopedMock.MODEL).maxTokens(20)
                    .addUserMessage("Hello").build();
            long t0 = System.nanoTime();
            try (StreamResponse<RawMessageStreamEvent> stream = off.client("latency-fixture", 0).messages().createStreaming(ask)) {
                assertThat(stream.stream().anyMatch(RawMessageStreamEvent::isMessageStop)).isTrue();
            }
            assertThat((System.nanoTime() - t0) / 1_000_000).as("the fixture's own switch applied the 2 s overhead")
                    .isGreaterThanOrEqualTo(2_000);
        }
    }
}
