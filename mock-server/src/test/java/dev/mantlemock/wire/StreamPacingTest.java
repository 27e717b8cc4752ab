package dev.mantlemock.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.mantlemock.testing.RunningMock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A paced stream arrives event by event: nothing before the first-token delay, then deltas spread over
 * time. Only lower bounds are asserted (a slow machine may be later, never earlier); speed targets
 * live in the benchmarks.
 */
class StreamPacingTest {
    private static final long FIRST_TOKEN_MS = 300;

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> {
            c.streaming.timeToFirstTokenMillis = FIRST_TOKEN_MS;
            c.streaming.tokensPerSecond = 200.0;
        });


    @Test
    void theFirstDeltaWaitsForTheFirstTokenDelayAndTheRestFollowAtTheTokenRate() {
        List<Long> deltaTimes = new ArrayList<>();
        long start = System.nanoTime();
        long messageStart = -1;
        int outputTokens = 0;
        try (StreamResponse<RawMessageStreamEvent> stream = mock.client().messages().createStreaming(MessageCreateParams.builder()
                .model(RunningMock.MODEL).maxTokens(60).addUserMessage("Tell me something").build())) {
            for (RawMessageStreamEvent e : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
                long at = (System.nanoTime() - start) / 1_000_000;
                if (e.isMessageStart()) {
                    messageStart = at;
                } else if (e.isContentBlockDelta()) {
                    deltaTimes.add(at);
                } else if (e.isMessageDelta()) {
                    outputTokens = (int) e.asMessageDelta().usage().outputTokens();
                }
            }
        }

        assertThat(messageStart).isGreaterThanOrEqualTo(0);
        assertThat(deltaTimes).hasSizeGreaterThan(2);
        // measured from the request, not from message_start: a busy client may parse message_start late,
        // but no delta can arrive before the server's first-token delay has passed
        assertThat(deltaTimes.get(0)).as("first token delay").isGreaterThanOrEqualTo(FIRST_TOKEN_MS);
        long spread = deltaTimes.get(deltaTimes.size() - 1) - deltaTimes.get(0);
        long expectedAtLeast = Math.round((outputTokens - outputTokens / (double) deltaTimes.size()) * 1000 / 200.0 * 0.5);
        assertThat(spread).as("deltas are spread at the token rate").isGreaterThanOrEqualTo(expectedAtLeast);
    }
}
