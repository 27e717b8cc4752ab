package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.testing.RunningMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An unknown model keeps the endpoint's 404 wording first, then says what the caller most likely meant. */
class UnknownModelHintsTest {
    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static String notFound(String model) {
        MessageCreateParams ask = MessageCreateParams.builder().model(model).maxTokens(20).addUserMessage("Hi").build();
        NotFoundException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> mock.client(0).messages().create(ask), NotFoundException.class);
        assertThat(e).as("a 404 for %s", model).isNotNull();
        return e.getMessage();
    }

    @Test
    void aFirstPartyModelNameIsPointedToItsMantleId() {
        assertThat(notFound("claude-haiku-4-5"))
                .contains("model: claude-haiku-4-5 is not a model available on Claude in Amazon Bedrock.")
                .contains("Did you mean 'anthropic.claude-haiku-4-5'?");
    }

    @Test
    void aBedrockRuntimeIdWithDateVersionAndRegionPrefixIsPointedToItsMantleId() {
        assertThat(notFound("anthropic.claude-haiku-4-5-20251001-v1:0")).contains("Did you mean 'anthropic.claude-haiku-4-5'?");
        assertThat(notFound("us.anthropic.claude-haiku-4-5-20251001-v1:0")).contains("Did you mean 'anthropic.claude-haiku-4-5'?");
        assertThat(notFound("global.anthropic.claude-opus-4-7")).contains("Did you mean 'anthropic.claude-opus-4-7'?");
    }

    @Test
    void anIdWithNoNearMantleModelListsTheModelsServed() {
        assertThat(notFound("anthropic.claude-nonesuch"))
                .startsWith("404: ").contains("model: anthropic.claude-nonesuch is not a model available on Claude in Amazon Bedrock.")
                .contains("Models this mock serves: ").contains("anthropic.claude-opus-4-7").contains("anthropic.claude-haiku-4-5")
                .doesNotContain("Did you mean");
    }

    @Test
    void theMantleFormOfAnIdDropsOnlyWhatOtherSurfacesAdd() {
        assertThat(ModelCatalogue.mantleIdFor("anthropic.claude-opus-4-7")).isEqualTo("anthropic.claude-opus-4-7");
        assertThat(ModelCatalogue.mantleIdFor("anthropic.claude-opus-4-6-v1")).isEqualTo("anthropic.claude-opus-4-6");
        assertThat(ModelCatalogue.mantleIdFor("claude-sonnet-4-5-20250929")).isEqualTo("anthropic.claude-sonnet-4-5");
        assertThat(ModelCatalogue.mantleIdFor("us.anthropic.claude-haiku-4-5-20251001-v1:0")).isEqualTo("anthropic.claude-haiku-4-5");
        assertThat(ModelCatalogue.mantleIdFor("global.anthropic.claude-sonnet-4-6")).isEqualTo("anthropic.claude-sonnet-4-6");
        assertThatThrownBy(() -> notFound("anthropic.claude-opus-4-7")).isInstanceOf(AssertionError.class); // served: no 404
    }
}
