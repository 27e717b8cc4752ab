package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import java.util.List;

/**
 * Rules of one model that the mock reads from its catalogue (bedrock/models.yaml), checked on the model
 * whose rule it is, whatever model the run targets otherwise. Both requests are refused before any
 * generation, so a live run spends no tokens on them; if the real endpoint starts accepting them, the
 * drift report says so and the catalogue row must change.
 */
public final class ModelRuleContracts {
    /** The model the rules below belong to (AWS's bedrock-mantle id). */
    static final String OPUS_47 = "anthropic.claude-opus-4-7";

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

    public static List<Contract> all() {
        return List.of(ENABLED_THINKING_REFUSED, PREFILL_REFUSED);
    }
}
