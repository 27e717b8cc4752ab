package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model tables in docs/models.md (every rule) and in the README (what a newcomer asks first) are
 * models.yaml, rendered: change one and this test names the new table to paste.
 */
class ModelTableInDocsTest {
    private static final String BEGIN = "<!-- models-table:begin (generated from models.yaml; ModelTableInDocsTest checks it) -->\n";
    private static final String END = "<!-- models-table:end -->";

    @Test
    void theModelsPageShowsEveryModelRuleAsModelsYamlStatesIt() throws IOException {
        assertTable(Path.of("..", "docs", "models.md"), table());
    }

    @Test
    void theReadmeShowsEachModelAndWhetherItIsServedAsModelsYamlStatesIt() throws IOException {
        assertTable(Path.of("..", "README.md"), readmeTable());
    }

    private static void assertTable(Path page, String expected) throws IOException {
        String text = Files.readString(page);
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        assertThat(from).as("%s marks the table with %s", page, BEGIN.strip()).isNotNegative();
        assertThat(text.substring(from + BEGIN.length(), to)).as("the model table in " + page + "; paste this:\n" + expected)
                .isEqualTo(expected);
    }

    static String table() {
        StringBuilder t = new StringBuilder("| Model id | AWS lists it on bedrock-mantle | Instead | Context | Max output | "
                + "Tokenizer | Thinking | Thinks by default | `display` left out | `disabled` up to effort | "
                + "`between_tools` up to effort | Effort levels | Default effort | Sampling | `top_p` still accepted | "
                + "`temperature` + `top_p` | Prefill | Structured outputs | Tool `strict` | Forced `tool_choice` | "
                + "Min cacheable prefix | Max breakpoints | System messages | Preserved thinking |\n");
        t.append("|---".repeat(24)).append("|\n");
        for (ModelEntry m : ModelCatalogue.entries()) {
            t.append("| `").append(m.id).append("` | ").append(m.onMantle).append(" | ").append(m.instead)
                    .append(" | ").append(m.contextWindow).append(" | ").append(m.maxOutputTokens)
                    .append(" | ").append(m.tokenizerFactor).append(" | ").append(list(m.thinking))
                    .append(" | ").append(m.thinkingOnByDefault ? "yes" : "no")
                    .append(" | ").append(m.thinkingDisplay).append(" | ").append(m.disabledMaxEffort)
                    .append(" | ").append(m.betweenToolsMaxEffort).append(" | ").append(list(m.effort))
                    .append(" | ").append(m.defaultEffort)
                    .append(" | ").append(list(m.sampling)).append(" | ").append(m.topPAccepted)
                    .append(" | ").append(yes(m.temperatureWithTopP))
                    .append(" | ").append(yes(m.prefill)).append(" | ").append(yes(m.structuredOutputs))
                    .append(" | ").append(yes(m.strictTools)).append(" | ").append(yes(m.forcedToolChoice))
                    .append(" | ").append(m.minCacheableTokens).append(" | ").append(m.maxCacheBreakpoints)
                    .append(" | ").append(yes(m.systemMessages)).append(" | ").append(m.preservedThinking ? "yes" : "no")
                    .append(" |\n");
        }
        return t.toString();
    }

    static String readmeTable() {
        StringBuilder t = new StringBuilder("| Model id | Served by default | Thinks by default | Default effort | "
                + "Forced `tool_choice` | Mid-conversation `system` |\n");
        t.append("|---".repeat(6)).append("|\n");
        for (ModelEntry m : ModelCatalogue.entries()) {
            t.append("| `").append(m.id).append("` | ")
                    .append(m.servedByDefault() ? "yes" : "no (404; use `" + m.instead + "`)")
                    .append(" | ").append(m.thinkingOnByDefault ? "yes" : "no")
                    .append(" | ").append(m.defaultEffort)
                    .append(" | ").append(yes(m.forcedToolChoice)).append(" | ").append(yes(m.systemMessages))
                    .append(" |\n");
        }
        return t.toString();
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static String yes(boolean accepted) {
        return accepted ? "accepted" : "refused";
    }
}
