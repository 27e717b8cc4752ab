package dev.mantlemock.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.testing.CapturedResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What each stage reads and provides is written down, and the pipeline holds the stages to it. */
class StageNeedsTest {
    private static final ModelSpec MODEL = new ModelSpec("anthropic.claude-haiku-4-5", 200_000, 64_000, 1.0);

    /** A stage for these tests: its needs, and what it does. */
    private record Step(Needs needs, java.util.function.Consumer<Exchange> body) implements Stage {
        @Override
        public void process(Exchange exchange) {
            body.accept(exchange);
        }
    }

    private static final ResponseEncoder ENCODER = new ResponseEncoder() {
        @Override
        public CompletableFuture<Void> send(Exchange exchange, ResponseChannel channel, java.util.function.IntConsumer out) {
            channel.begin(200, "text/plain", Map.of("model", exchange.model().id()));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Needs needs() {
            return Needs.reads(Slot.MODEL);
        }
    };

    private static Exchange exchange() {
        return new Exchange("req_1", Endpoint.MESSAGES,
                new HttpRequestView("POST", "/anthropic/v1/messages", "", Map.of(), new byte[0]), Instant.EPOCH, 0);
    }

    private static final Step PROVIDES_MODEL = new Step(Needs.provides(Slot.MODEL), e -> e.model(MODEL));

    @Test
    void aPipelineWhoseStageReadsWhatNoEarlierStageProvidesIsRefusedAtAssembly() {
        Step readsModel = new Step(Needs.reads(Slot.MODEL), e -> e.model());
        assertThatThrownBy(() -> new RequestPipeline(List.of(readsModel, PROVIDES_MODEL), ENCODER, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reads the model, which no earlier stage provides");
    }

    @Test
    void theEncodersNeedsAreCheckedToo() {
        assertThatThrownBy(() -> new RequestPipeline(List.of(), ENCODER, List.of()))
                .hasMessageContaining("reads the model, which no earlier stage provides");
    }

    @Test
    void stagesInTheirDeclaredOrderRunAndTheEncoderReadsWhatTheyProvided() {
        RequestPipeline pipeline = new RequestPipeline(List.of(PROVIDES_MODEL), ENCODER, List.of());
        CapturedResponse response = new CapturedResponse();
        pipeline.handle(exchange(), response);
        assertThat(response.status).isEqualTo(200);
        assertThat(response.headers).containsEntry("model", MODEL.id());
    }

    @Test
    void aStageThatReadsASlotItDidNotDeclareEndsTheRequestAsADefectNotWithAWrongAnswer() {
        Step sneaky = new Step(Needs.NOTHING, e -> e.model());
        RequestPipeline pipeline = new RequestPipeline(List.of(PROVIDES_MODEL, sneaky), ENCODER, List.of());
        CapturedResponse response = new CapturedResponse();
        pipeline.handle(exchange(), response);
        assertThat(response.status).isEqualTo(500);
        assertThat(response.body()).contains("\"api_error\"");
    }

    @Test
    void aStageThatProvidesASlotItDidNotDeclareIsADefect() {
        Step sneaky = new Step(Needs.NOTHING, e -> e.model(MODEL));
        Exchange exchange = exchange();
        exchange.enter("Sneaky", sneaky.needs());
        assertThatThrownBy(() -> sneaky.process(exchange))
                .hasMessage("Sneaky provides the model without declaring it in its needs");
    }

    @Test
    void observersPeekAtSlotsThatNoStageReached() {
        Exchange exchange = exchange();
        assertThat(exchange.peek(Slot.MODEL)).isNull();
        assertThatThrownBy(exchange::model).hasMessageContaining("before any stage provided it");
    }

    @Test
    void aStageThatThrowsAnErrorEndsItsExchangeWithA500NotAnEscapedError() {
        for (Error error : new Error[] {new NoClassDefFoundError("dev/mantlemock/Gone"), new StackOverflowError()}) {
            Step failing = new Step(Needs.NOTHING, e -> {
                throw error;
            });
            RequestPipeline pipeline = new RequestPipeline(List.of(failing, PROVIDES_MODEL), ENCODER, List.of());
            CapturedResponse response = new CapturedResponse();
            CompletableFuture<Void> done = pipeline.handle(exchange(), response);
            assertThat(done).isDone();
            assertThat(response.status).isEqualTo(500);
            assertThat(response.body()).contains("\"api_error\"", "Internal server error");
        }
    }

    @Test
    void aStageThatMustWaitRunsAgainWhenTheWaitIsOverAndOnlyThenTheRestFollow() {
        int[] runs = {0};
        Step waitsOnce = new Step(Needs.NOTHING, e -> {
            if (runs[0]++ == 0) {
                throw new StageWait(250);
            }
        });
        List<Runnable> later = new java.util.ArrayList<>();
        List<Long> asked = new java.util.ArrayList<>();
        RequestPipeline pipeline = new RequestPipeline(List.of(waitsOnce, PROVIDES_MODEL), ENCODER, List.of(),
                (millis, task) -> {
                    asked.add(millis);
                    later.add(task);
                });
        CapturedResponse response = new CapturedResponse();
        Exchange exchange = exchange();

        CompletableFuture<Void> done = pipeline.handle(exchange, response);
        // Nothing holds the caller: the response is not begun, the future waits for the later run.
        assertThat(done).isNotDone();
        assertThat(response.status).as("not begun").isEqualTo(-1);
        assertThat(asked).containsExactly(250L);

        later.get(0).run();
        assertThat(done).isDone();
        assertThat(response.status).isEqualTo(200);
        assertThat(runs[0]).isEqualTo(2);
        assertThat(exchange.waits()).isEqualTo(1);
    }
}
