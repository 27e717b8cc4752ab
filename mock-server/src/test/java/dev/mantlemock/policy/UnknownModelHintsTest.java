package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.config.CommandLine;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unknown model keeps bedrock-mantle's 404 wording first ("The model 'X' does not exist."), then says
 * exactly what to do: the Mantle form of the id, the model to use instead and the switch that serves a model
 * AWS does not list, or the config lines that add a model.
 */
class UnknownModelHintsTest {
    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    /** A built-in model AWS does not list for bedrock-mantle (models.yaml: on-mantle: unlisted). */
    private static final String OFF_MANTLE = "anthropic.claude-opus-4-6";

    private static String notFound(String model) {
        MessageCreateParams ask = MessageCreateParams.builder().model(model).maxTokens(20).addUserMessage("Hi").build();
        NotFoundException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> mock.client(0).messages().create(ask), NotFoundException.class);
        assertThat(e).as("a 404 for %s", model).isNotNull();
        assertThat(e.getMessage()).startsWith("404: ");
        return TestRequests.node(e.getMessage().substring("404: ".length())).at("/error/message").asText();
    }

    @Test
    void aFirstPartyModelNameIsPointedToItsMantleId() {
        assertThat(notFound("claude-haiku-4-5"))
                .startsWith("The model 'claude-haiku-4-5' does not exist.")
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
                .startsWith("The model 'anthropic.claude-nonesuch' does not exist.")
                .contains("Models this mock serves: ").contains("anthropic.claude-opus-4-7").contains("anthropic.claude-haiku-4-5")
                .doesNotContain("Did you mean");
        assertThat(notFound("gpt-4o")).contains("Models this mock serves: ").doesNotContain("models:\n");
    }

    @Test
    void aModelAwsDoesNotListForMantleSaysTheSwitchThatServesIt() {
        assertThat(notFound(OFF_MANTLE))
                .startsWith("The model '" + OFF_MANTLE + "' does not exist.")
                .contains("Use 'anthropic.claude-opus-5-5' instead, which Mantle serves.")
                .contains("AWS does not list '" + OFF_MANTLE + "' for bedrock-mantle")
                .contains("restart the mock with --config <file>:\noff-mantle-models: serve")
                .doesNotContain("- id:").doesNotContain("Did you mean");
    }

    @Test
    void anUnknownModelOfTheFamilyShowsTheConfigLinesThatServeItAndWhatItInherits() {
        assertThat(notFound("anthropic.claude-opus-9"))
                .contains("This mock does not know 'anthropic.claude-opus-9'.")
                .contains("restart the mock with --config <file>:\nmodels:\n  - id: anthropic.claude-opus-9\n")
                .contains("inherits the catalogue's defaults (context-window: 200000, max-output-tokens: 64000, "
                        + "thinking: [adaptive, disabled]")
                .doesNotContain("off-mantle-models").doesNotContain("Did you mean");
    }

    @Test
    void everyRuntimeShapedIdGetsTheIdFormHintWhetherOrNotTheModelIsServed() {
        String hint = "Mantle model ids are 'anthropic.' and the model name, without a date, version or region prefix.";
        assertThat(notFound("us.anthropic.claude-haiku-4-5-20251001-v1:0"))
                .contains("Did you mean 'anthropic.claude-haiku-4-5'? " + hint);
        assertThat(notFound("us." + OFF_MANTLE + "-v1:0"))
                .contains("Did you mean '" + OFF_MANTLE + "'? " + hint).contains("off-mantle-models: serve");
        assertThat(notFound("global.anthropic.claude-opus-9-20270101-v1:0"))
                .contains("Did you mean 'anthropic.claude-opus-9'? " + hint).contains("  - id: anthropic.claude-opus-9\n");
        assertThat(notFound("claude-opus-9-20270101")).contains("Did you mean 'anthropic.claude-opus-9'? " + hint);
    }

    @Test
    void whatTheHintsSayServesTheModel(@TempDir Path dir) throws Exception {
        String added = "anthropic.claude-opus-9";
        String addLines = between(notFound(added), "--config <file>:\n", "It then inherits");
        String switchLine = between(notFound(OFF_MANTLE), "--config <file>:\n", "Models this mock serves");
        Path config = Files.writeString(dir.resolve("mock.yaml"), addLines + switchLine);

        MockConfig fromFile = CommandLine.parse("--config", config.toString());
        try (RunningMock restarted = RunningMock.start(c -> {
            c.models = fromFile.models;
            c.offMantleModels = fromFile.offMantleModels;
        })) {
            for (String model : List.of(added, OFF_MANTLE)) {
                MessageCreateParams ask = MessageCreateParams.builder().model(model).maxTokens(20).addUserMessage("Hi").build();
                assertThat(restarted.client(0).messages().create(ask).content()).as(model).isNotEmpty();
            }
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
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
