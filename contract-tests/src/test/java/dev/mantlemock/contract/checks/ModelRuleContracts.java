package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.OutputConfig;
import com.anthropic.models.messages.ThinkingConfigBetweenTools;
import com.anthropic.models.messages.ThinkingConfigDisabled;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import java.util.List;

/**
 * Rules of one model that the mock reads from its catalogue (bedrock/models.yaml), checked on the model
 * whose rule it is, whatever model the run targets otherwise. Every request is refused before any
 * generation, so a live run spends no tokens on them; if the real endpoint starts accepting them, the
 * drift report says so and the catalogue row must change.
 */
public final class ModelRuleContracts {
    /** The models the rules below belong to (AWS's bedrock-mantle ids). */
    static final String OPUS_47 = "anthropic.claude-opus-4-7";
    static final String OPUS_5 = "anthropic.claude-opus-5";
    static final String OPUS_55 = "anthropic.claude-opus-5-5";
    static final String SONNET_5 = "anthropic.claude-sonnet-5";
    static final String SONNET_55 = "anthropic.claude-sonnet-5-5";
    static final String FORCED_TOOL = "tool_choice: type \"tool\" and \"any\" are not supported for this model.";

    private static Tool lookup() {
        return Tool.builder().name("lookup").inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(java.util.Map.of())).build()).build();
    }

    /** A 400 invalid_request_error whose message contains {@code text}. */
    private static void refusedWith(AnthropicServiceException e, String text) {
        Envelope.expect(e, 400, "invalid_request_error");
        assertThat(Envelope.body(e).path("error").path("message").asText()).as("message").contains(text);
    }

    private ModelRuleContracts() {}

    public static final Contract ENABLED_THINKING_REFUSED = new Contract("model-rules.opus-4-7-refuses-enabled-thinking", "model rules",
            "Opus 4.7 accepts only adaptive thinking: thinking.type enabled with a budget is a 400 invalid_request_error naming \"thinking.type.enabled\"",
            Needs.NOTHING, s -> {
                AnthropicServiceException e = s.refusal(c -> c.messages().create(MessageCreateParams.builder()
                        .model(OPUS_47).maxTokens(2048).addUserMessage(ThinkingContracts.QUESTION).enabledThinking(1024).build()));
                Envelope.expect(e, 400, "invalid_request_error");
                assertThat(Envelope.body(e).path("error").path("message").asText()).as("message")
                        .contains("\"thinking.type.enabled\" is not supported for this model");
            });

    public static final Contract PREFILL_REFUSED = new Contract("model-rules.opus-4-7-refuses-prefill", "model rules",
            "Opus 4.7 (like every 4.6+ model) refuses a conversation that ends with an assistant message: 400 invalid_request_error",
            Needs.NOTHING, s -> {
                AnthropicServiceException e = s.refusal(c -> c.messages().create(MessageCreateParams.builder()
                        .model(OPUS_47).maxTokens(64).addUserMessage("Name a colour.").addAssistantMessage("The colour is").build()));
                Envelope.expect(e, 400, "invalid_request_error");
                assertThat(Envelope.body(e).path("error").path("message").asText()).as("message")
                        .contains("does not support assistant message prefill");
            });

    public static final Contract FORCED_TOOL_CHOICE_REFUSED = new Contract("model-rules.opus-5-5-refuses-forced-tool-choice",
            "model rules", "Opus 5.5 (like Sonnet 5.5, Haiku 5.5, Fable 5.1+) refuses tool_choice any: 400 invalid_request_error \""
                    + FORCED_TOOL + "\"", Needs.NOTHING, s -> refusedWith(s.refusal(c -> c.messages().create(MessageCreateParams
                    .builder().model(OPUS_55).maxTokens(64).addTool(lookup()).toolChoice(ToolChoiceAny.builder().build())
                    .addUserMessage("Look it up.").build())), FORCED_TOOL));

    public static final Contract FORCED_TOOL_CHOICE_REFUSED_IN_COUNT_TOKENS = new Contract(
            "model-rules.opus-5-5-refuses-forced-tool-choice-in-count-tokens", "model rules",
            "Opus 5.5 refuses tool_choice any on /v1/messages/count_tokens too", Needs.NOTHING,
            s -> refusedWith(s.refusal(c -> c.messages().countTokens(MessageCountTokensParams.builder().model(OPUS_55)
                    .addTool(lookup()).toolChoice(ToolChoiceAny.builder().build()).addUserMessage("Look it up.").build())),
                    FORCED_TOOL));

    public static final Contract THINKING_ALWAYS_ON = new Contract("model-rules.opus-5-5-refuses-disabled-thinking", "model rules",
            "Opus 5.5 always thinks: thinking.type disabled is a 400 naming \"thinking.type.disabled\"", Needs.NOTHING,
            s -> refusedWith(s.refusal(c -> c.messages().create(MessageCreateParams.builder().model(OPUS_55).maxTokens(64)
                    .thinking(ThinkingConfigDisabled.builder().build()).addUserMessage("Hi").build())),
                    "\"thinking.type.disabled\" is not supported for this model"));

    public static final Contract DISABLED_THINKING_EFFORT_CAP = new Contract("model-rules.opus-5-refuses-disabled-thinking-at-xhigh",
            "model rules", "Opus 5 turns thinking off only with effort at or below high: disabled with xhigh is a 400",
            Needs.NOTHING, s -> refusedWith(s.refusal(c -> c.messages().create(MessageCreateParams.builder().model(OPUS_5)
                    .maxTokens(64).thinking(ThinkingConfigDisabled.builder().build())
                    .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.XHIGH).build()).addUserMessage("Hi").build())),
                    "output_config.effort 'xhigh' is not supported when thinking is disabled on this model"));

    public static final Contract BETWEEN_TOOLS_EFFORT_CAP = new Contract("model-rules.sonnet-5-5-caps-between-tools-effort",
            "model rules", "Sonnet 5.5's between_tools thinking takes effort up to high: with max it is a 400", Needs.NOTHING,
            s -> {
                AnthropicServiceException e = s.refusal(c -> c.messages().create(MessageCreateParams.builder().model(SONNET_55)
                        .maxTokens(64).thinking(ThinkingConfigBetweenTools.builder().build())
                        .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.MAX).build()).addUserMessage("Hi").build()));
                Envelope.expect(e, 400, "invalid_request_error");
            });

    public static final Contract SYSTEM_MESSAGE_REFUSED = new Contract("model-rules.sonnet-5-refuses-system-messages", "model rules",
            "Sonnet 5 has no mid-conversation system messages: a role system message is a 400", Needs.NOTHING,
            s -> refusedWith(s.refusal(c -> c.messages().create(MessageCreateParams.builder().model(SONNET_5).maxTokens(64)
                    .addUserMessage("Hi").addSystemMessage("Be brief.").build())), "system"));

    public static final Contract SYSTEM_MESSAGE_NOT_FIRST = new Contract("model-rules.opus-5-5-refuses-a-first-system-message",
            "model rules", "On a model with mid-conversation system messages (Opus 5.5) one may not be the first message: 400",
            Needs.NOTHING, s -> {
                AnthropicServiceException e = s.refusal(c -> c.messages().create(MessageCreateParams.builder().model(OPUS_55)
                        .maxTokens(64).addSystemMessage("Be brief.").addUserMessage("Hi").build()));
                Envelope.expect(e, 400, "invalid_request_error");
            });

    public static List<Contract> all() {
        return List.of(ENABLED_THINKING_REFUSED, PREFILL_REFUSED, FORCED_TOOL_CHOICE_REFUSED,
                FORCED_TOOL_CHOICE_REFUSED_IN_COUNT_TOKENS, THINKING_ALWAYS_ON, DISABLED_THINKING_EFFORT_CAP,
                BETWEEN_TOOLS_EFFORT_CAP, SYSTEM_MESSAGE_REFUSED, SYSTEM_MESSAGE_NOT_FIRST);
    }
}
