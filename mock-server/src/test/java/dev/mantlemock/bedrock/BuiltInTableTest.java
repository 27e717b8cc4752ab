package dev.mantlemock.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The built-in tables are read as strictly as a user's config: a typo or a wrong type stops the start. */
class BuiltInTableTest {
    private static final String[] MODEL_KEYS = {"id", "context-window", "max-output-tokens", "tokenizer-factor"};

    @Test
    void readsRowsWithDefaultsForKeysLeftOut() {
        var rows = BuiltInTable.read("/tables/good.yaml", "models").rows("models", MODEL_KEYS);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).text("id")).isEqualTo("a");
        assertThat(rows.get(0).integer("context-window", 7)).isEqualTo(7);
        assertThat(rows.get(0).decimal("tokenizer-factor", 1.0)).isEqualTo(1.3);
        assertThat(rows.get(1).integer("context-window", 7)).isEqualTo(1_000_000);
        assertThat(rows.get(1).decimal("tokenizer-factor", 2.0)).isEqualTo(1.0);
        assertThat(rows.get(1).strings("absent")).isEmpty();
        assertThat(rows.get(1).stringsOrNull("absent")).isNull();
    }

    @Test
    void aRequiredKeyLeftOutIsNamedWithItsPlace() {
        var rows = BuiltInTable.read("/tables/good.yaml", "models").rows("models", MODEL_KEYS);
        assertThatThrownBy(() -> rows.get(0).require(java.util.List.of("id", "context-window")))
                .hasMessage("built-in table /tables/good.yaml: 'context-window' is required at models[0]");
        assertThatThrownBy(() -> rows.get(0).boolOrNull("id"))
                .hasMessage("built-in table /tables/good.yaml: 'id' at models[0] must be true or false");
    }

    @Test
    void anUnknownKeyIsNamedWithItsPlace() {
        assertThatThrownBy(() -> BuiltInTable.read("/tables/unknown-key.yaml", "models").rows("models", MODEL_KEYS))
                .hasMessage("built-in table /tables/unknown-key.yaml: unknown key 'context-windw' at models[0]");
        assertThatThrownBy(() -> BuiltInTable.read("/tables/good.yaml", "features"))
                .hasMessage("built-in table /tables/good.yaml: unknown key 'models' at the top level");
    }

    @Test
    void aWrongTypeIsNamed() {
        var row = BuiltInTable.read("/tables/wrong-type.yaml", "models").rows("models", MODEL_KEYS).get(0);
        assertThatThrownBy(() -> row.integer("context-window", 0))
                .hasMessage("built-in table /tables/wrong-type.yaml: 'context-window' at models[0] must be a whole number up to 2147483647");
        assertThatThrownBy(() -> row.strings("id"))
                .hasMessage("built-in table /tables/wrong-type.yaml: 'id' at models[0] must be a list");
    }

    @Test
    void aMissingTableIsNamed() {
        assertThatThrownBy(() -> BuiltInTable.read("/tables/none.yaml"))
                .hasMessage("built-in table /tables/none.yaml is missing from the jar");
    }
}
