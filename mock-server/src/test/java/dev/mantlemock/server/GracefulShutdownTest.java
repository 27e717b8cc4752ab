package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.mantlemock.testing.RunningMock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the mock finishes the streams it has open, so a client gets a whole answer, not a cut one. */
class GracefulShutdownTest {

    @Test
    void anOpenPacedStreamIsFinishedWhenTheMockStops() throws Exception {
        RunningMock mock = RunningMock.start(c -> c.streaming.tokensPerSecond = 2.0); // ~a minute per answer
        CountDownLatch firstDelta = new CountDownLatch(1);
        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> {
            MessageAccumulator acc = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> s = mock.client().messages().createStreaming(MessageCreateParams.builder()
                    .model(RunningMock.MODEL).maxTokens(100).addUserMessage("A slow answer, please").build())) {
                s.stream().forEach(e -> {
                    acc.accumulate(e);
                    if (e.isContentBlockDelta()) {
                        firstDelta.countDown();
                    }
                });
            }
            return acc.message();
        });
        assertThat(firstDelta.await(20, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        mock.close();

        Message message = received.get(20, TimeUnit.SECONDS);
        assertThat(message.stopReason()).isPresent();
        assertThat(message.content()).isNotEmpty();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("well within the answer's paced length").isLessThan(30);
    }
}
