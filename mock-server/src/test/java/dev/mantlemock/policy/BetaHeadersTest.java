package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.testing.RunningMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code anthropic-beta} values under each {@code validation.betas} mode, sent as Spring AI 1.1.2 sends
 * them on every call, through the official Java SDK.
 */
class BetaHeadersTest {
    private static final String SPRING_AI_DEFAULT = "tools-2024-04-04,pdfs-2024-09-25,structured-outputs-2025-11-13";

    @RegisterExtension
    static final RunningMock ga = RunningMock.perClass(c -> c.profile = "ga");

    @RegisterExtension
    static final RunningMock acceptUnused = RunningMock.perClass(c -> c.validation.betas = "accept-unused");

    @RegisterExtension
    static final RunningMock bedrockWhitelist = RunningMock.perClass(c -> c.validation.betas = "bedrock-whitelist");

    private static MessageCreateParams hello(String betas) {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(50).addUserMessage("Hello")
                .putAdditionalHeader("anthropic-beta", betas).build();
    }

    @Test
    void springAisDefaultBetasPassUnderTheGaProfileWhenTheRequestUsesNoneOfTheirFeatures() {
        Message reply = ga.client().messages().create(hello(SPRING_AI_DEFAULT));

        assertThat(reply.content()).isNotEmpty();
    }

    @Test
    void aFeatureTheRequestUsesIsStillRefusedWhateverTheBetaSays() {
        MessageCreateParams structured = hello(SPRING_AI_DEFAULT).toBuilder()
                .outputConfig(com.anthropic.models.messages.OutputConfig.builder()
                        .format(com.anthropic.models.messages.JsonOutputFormat.builder()
                                .schema(com.anthropic.models.messages.JsonOutputFormat.Schema.builder()
                                        .putAdditionalProperty("type", com.anthropic.core.JsonValue.from("object")).build())
                                .build())
                        .build())
                .build();

        assertThatThrownBy(() -> ga.client().messages().create(structured))
                .isInstanceOfSatisfying(BadRequestException.class,
                        // structured outputs are each model's rule (models.yaml): refused as an extra input on Mantle
                        e -> assertThat(e.getMessage()).contains("output_config.format: Extra inputs are not permitted"));
    }

    @Test
    void acceptUnusedLetsEvenUnknownNamesThrough() {
        assertThat(acceptUnused.client().messages().create(hello("made-up-2030-01-01")).content()).isNotEmpty();
    }

    @Test
    void theBedrockWhitelistRefusesSpringAisDefaultAsTheRuntimeDoes() {
        assertThatThrownBy(() -> bedrockWhitelist.client().messages().create(hello(SPRING_AI_DEFAULT)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("invalid beta flag");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThat(bedrockWhitelist.client().messages().create(hello("interleaved-thinking-2025-05-14")).content()).isNotEmpty();
    }
}
