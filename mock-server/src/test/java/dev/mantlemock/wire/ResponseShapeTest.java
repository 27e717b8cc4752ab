package dev.mantlemock.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.Sse;
import dev.mantlemock.testing.TestRequests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Responses carry every field the official SDK types declare, with the first-party value or null. */
class ResponseShapeTest {
    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    static final String ASK = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":2000,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Why is the sky blue?\"}]";
    static final String THINKING = ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}";

    static MessageCreateParams.Builder ask() {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(2000).addUserMessage("Why is the sky blue?");
    }

    @Test
    void aMessageHasEveryNullableFieldWithTheFirstPartyValueOrNull() {
        JsonNode m = TestRequests.node(mock.postMessages(ASK + "}").body());

        for (String field : List.of("container", "diagnostics", "stop_sequence", "stop_details")) {
            assertThat(m.has(field)).as(field).isTrue();
            assertThat(m.get(field).isNull()).as(field).isTrue();
        }
        JsonNode usage = m.path("usage");
        assertThat(usage.path("cache_creation_input_tokens").asInt(-1)).isZero();
        assertThat(usage.path("cache_read_input_tokens").asInt(-1)).isZero();
        assertThat(usage.path("cache_creation")).isEqualTo(TestRequests.node(
                "{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0}"));
        assertThat(usage.path("service_tier").asText()).isEqualTo("standard");
        assertThat(usage.path("inference_geo").asText()).isEqualTo("global");
        assertThat(usage.path("speed").asText()).isEqualTo("standard");
        assertThat(usage.get("output_tokens_details").isNull()).as("no thinking ran").isTrue();
        assertThat(usage.get("server_tool_use").isNull()).isTrue();
        assertThat(m.path("content").get(0).has("citations")).isTrue();
        assertThat(m.path("content").get(0).get("citations").isNull()).isTrue();
    }

    @Test
    void theSdkReadsEveryFieldAndFindsTheMessageValid() {
        Message message = mock.client().messages().create(ask().enabledThinking(1024).build());

        message.validate();
        Usage usage = message.usage();
        assertThat(usage.serviceTier()).contains(Usage.ServiceTier.STANDARD);
        assertThat(usage.speed()).contains(Usage.Speed.STANDARD);
        assertThat(usage.inferenceGeo()).contains("global");
        assertThat(usage.cacheCreation()).hasValueSatisfying(c -> assertThat(c.ephemeral5mInputTokens()).isZero());
        assertThat(usage.outputTokensDetails()).hasValueSatisfying(d ->
                assertThat(d.thinkingTokens()).isPositive().isLessThan(usage.outputTokens()));
        assertThat(message.container()).isEmpty();
        assertThat(message.stopDetails()).isEmpty();
        assertThat(message.content().get(1).asText().citations()).isEmpty();
    }

    @Test
    void aToolUseBlockNamesItsCallerForTheSdk() {
        Tool tool = Tool.builder().name("get_time").inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of())).build()).build();
        Message message = mock.client().messages().create(ask().addTool(tool)
                .toolChoice(ToolChoiceAny.builder().build()).build());

        ToolUseBlock call = message.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
        assertThat(call.caller().isDirect()).isTrue(); // throws "`caller` is not set" when the block lacks it
    }

    @Test
    void aStreamCarriesTheSameFieldsAndAccumulatesToAValidMessage() {
        List<Sse.Event> events = Sse.parse(mock.postMessages(ASK + THINKING + ",\"stream\":true}").body());
        JsonNode start = events.get(0).data().path("message");
        assertThat(start.has("container") && start.has("stop_details") && start.path("usage").has("inference_geo")).isTrue();
        JsonNode delta = events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow().data();
        assertThat(delta.path("delta").has("stop_details")).isTrue();
        assertThat(delta.path("usage").path("output_tokens_details").path("thinking_tokens").asInt()).isPositive();

        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = mock.client().messages().createStreaming(ask().enabledThinking(1024).build())) {
            stream.stream().forEach(acc::accumulate);
        }
        Message message = acc.message().validate();
        assertThat(message.usage().serviceTier()).contains(Usage.ServiceTier.STANDARD);
        assertThat(message.usage().outputTokensDetails()).hasValueSatisfying(d -> assertThat(d.thinkingTokens()).isPositive());
        assertThat(message.stopDetails()).isEmpty();
    }

    @Test
    void omitLeavesOutTheFieldsWithoutAValueAndTheSdkStillReadsThem() {
        try (RunningMock omitting = RunningMock.start(c -> {
            c.responses.nullableFields = "omit";
            c.responses.inferenceGeo = null;
        })) {
            JsonNode m = TestRequests.node(omitting.postMessages(ASK + "}").body());
            assertThat(m.has("container") || m.has("stop_details") || m.path("usage").has("server_tool_use")
                    || m.path("usage").has("inference_geo") || m.path("content").get(0).has("citations")).isFalse();
            assertThat(m.path("usage").path("service_tier").asText()).isEqualTo("standard");

            Message message = omitting.client().messages().create(ask().build()).validate();
            assertThat(message.container()).isEmpty();
            assertThat(message.usage().inferenceGeo()).isEmpty();
        }
    }
}
