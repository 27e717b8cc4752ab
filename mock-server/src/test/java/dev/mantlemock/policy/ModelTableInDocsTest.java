package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-model table in docs/api.md is models.yaml, rendered: change one and this test names the new table. */
class ModelTableInDocsTest {
    private static final String BEGIN = "<!-- models-table:begin (generated from models.yaml; ModelTableInDocsTest checks it) -->\n";
    private static final String END = "<!-- models-table:end -->";

    @Test
    void theDocsShowEveryModelRuleAsModelsYamlStatesIt() throws IOException {
        String readme = Files.readString(Path.of("..", "docs", "api.md"));
        int from = readme.indexOf(BEGIN);
        int to = readme.indexOf(END);
        assertThat(from).as("docs/api.md marks the table with %s", BEGIN.strip()).isNotNegative();
        assertThat(readme.substring(from + BEGIN.length(), to)).as("the model table in docs/api.md; paste this:\n" + table())
                .isEqualTo(table());
    }

    static String table() {
        StringBuilder t = new StringBuilder("| Model id | AWS lists it on bedrock-mantle | Context | Max output | Tokenizer | Thinking | "
                + "`display` left out | Effort levels | Sampling | `temperature` + `top_p` | Prefill | Structured outputs | "
                + "Tool `strict` | Min cacheable prefix | Max breakpoints |\n");
        t.append("|---".repeat(15)).append("|\n");
        for (ModelEntry m : ModelCatalogue.entries()) {
            t.append("| `").append(m.id).append("` | ").append(m.onMantle)
                    .append(" | ").append(m.contextWindow).append(" | ").append(m.maxOutputTokens)
                    .append(" | ").append(m.tokenizerFactor).append(" | ").append(list(m.thinking))
                    .append(" | ").append(m.thinkingDisplay).append(" | ").append(list(m.effort))
                    .append(" | ").append(list(m.sampling)).append(" | ").append(yes(m.temperatureWithTopP))
                    .append(" | ").append(yes(m.prefill)).append(" | ").append(yes(m.structuredOutputs))
                    .append(" | ").append(yes(m.strictTools)).append(" | ").append(m.minCacheableTokens)
                    .append(" | ").append(m.maxCacheBreakpoints).append(" |\n");
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
