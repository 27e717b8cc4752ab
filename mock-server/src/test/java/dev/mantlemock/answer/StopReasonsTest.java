package dev.mantlemock.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.RefusalStopDetails;
import com.anthropic.models.messages.StopReason;
import dev.mantlemock.server.MockServer;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.testing.RunningMock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every stop reason the API defines can be produced, by a fixture or by the x-mock-stop-reason header. */
class StopReasonsTest {
    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> c.fixtures = RunningMock.fixturesDir().toString());

    static MessageCreateParams.Builder ask(String text) {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(300).addUserMessage(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"end_turn", "max_tokens", "pause_turn", "refusal", "model_context_window_exceeded"})
    void theHeaderEndsTheAnswerForThatReasonInJsonAndInAStream(String reason) {
        MessageCreateParams params = ask("Hello").putAdditionalHeader("x-mock-stop-reason", reason).build();

        Message json = mock.client().messages().create(params).validate();
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = mock.client().messages().createStreaming(params)) {
            stream.stream().forEach(acc::accumulate);
        }
        Message streamed = acc.message().validate();

        for (Message m : new Message[] {json, streamed}) {
            assertThat(m.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo(reason));
            assertThat(m.stopReason().orElseThrow().known()).isNotNull(); // a value the SDK knows
            assertThat(m.stopDetails().isPresent()).isEqualTo(reason.equals("refusal"));
        }
        if (reason.equals("refusal")) {
            RefusalStopDetails details = json.stopDetails().orElseThrow();
            assertThat(details.category()).isEmpty();
            assertThat(details.explanation()).isEmpty();
        }
    }

    @Test
    void aStopReasonTheHeaderCannotProduceIsABadRequest() {
        assertThatThrownBy(() -> mock.client().messages().create(ask("Hello")
                        .putAdditionalHeader("x-mock-stop-reason", "compaction").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("x-mock-stop-reason: 'compaction' is not a stop reason the mock can produce");
    }

    @Test
    void aFixtureRefusesWithItsCategoryAndExplanation() {
        Message message = mock.client().messages().create(ask("Please refuse this request.")
                .putAdditionalHeader("x-mock-scenario", "refusal").build());

        assertThat(message.stopReason()).contains(StopReason.REFUSAL);
        RefusalStopDetails details = message.stopDetails().orElseThrow();
        assertThat(details.category()).contains(RefusalStopDetails.Category.CYBER);
        assertThat(details.explanation()).contains("This request was declined because it could enable cyber harm.");
    }

    @Test
    void aFixtureWithAStopReasonTheSdksDoNotKnowStopsTheStart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"name\":\"x\",\"match\":{},\"response\":{\"content\":[],"
                + "\"stop_reason\":\"content_filtered\"}}");
        MockConfig config = new MockConfig();
        config.port = 0;
        config.fixtures = dir.toString();
        config.fixtureLimits.strict = true; // by default the file is named in the log and skipped (FixtureBoundsTest)

        assertThatThrownBy(() -> MockServer.start(config, java.time.Clock.systemUTC()).close())
                .hasMessageContaining("stop_reason 'content_filtered' is not one the SDKs know");
    }

    @Test
    void aFixtureCanPauseTheTurnOrExceedTheContextWindow(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stops.json"), "["
                + "{\"name\":\"pause\",\"match\":{\"last-message\":{\"contains\":\"pause\"}},"
                + "\"response\":{\"content\":[{\"type\":\"text\",\"text\":\"Working on it\"}],\"stop_reason\":\"pause_turn\"}},"
                + "{\"name\":\"full\",\"match\":{\"last-message\":{\"contains\":\"long\"}},"
                + "\"response\":{\"content\":[{\"type\":\"text\",\"text\":\"And so\"}],\"stop_reason\":\"model_context_window_exceeded\"}}]");
        try (RunningMock scripted = RunningMock.start(c -> c.fixtures = dir.toString())) {
            assertThat(scripted.client().messages().create(ask("pause here").build()).stopReason()).contains(StopReason.PAUSE_TURN);
            assertThat(scripted.client().messages().create(ask("a long one").build()).stopReason())
                    .contains(StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED);
        }
    }
}
