package dev.mantlemock.latency;

import dev.mantlemock.bedrock.BuiltInTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency model's parameters per model family: {@code bedrock/latency.yaml}, or a table of the same
 * form a team fitted to its own account (record mode writes one). The first row whose {@code match}
 * covers the model id wins; a model no row covers uses {@code defaults}.
 */
public final class LatencyTable {
    static final String[] KEYS = {"overhead-ms", "prefill-ms-per-1k-input-tokens", "tokens-per-second", "capacity",
            "slowdown-at-capacity", "source"};
    static final String[] ROW_KEYS = {"match", "overhead-ms", "prefill-ms-per-1k-input-tokens", "tokens-per-second",
            "capacity", "slowdown-at-capacity", "source"};

    private record Row(String match, LatencyProfile profile) {
        boolean covers(String model) {
            return match.endsWith("*") ? model.startsWith(match.substring(0, match.length() - 1)) : match.equals(model);
        }
    }

    private final List<Row> rows;
    private final LatencyProfile defaults;

    private LatencyTable(List<Row> rows, LatencyProfile defaults) {
        this.rows = rows;
        this.defaults = defaults;
    }

    /** The built-in table. */
    public static LatencyTable builtIn() {
        return of(BuiltInTable.read(BuiltInTable.LATENCY, "defaults", "families"));
    }

    /** A table from a file ({@code streaming.latency-table}): the built-in one when {@code file} is null. */
    public static LatencyTable from(Path file) {
        return file == null ? builtIn() : of(BuiltInTable.readFile(file, "defaults", "families"));
    }

    private static LatencyTable of(BuiltInTable table) {
        LatencyProfile defaults = profile(table.section("defaults", KEYS), null);
        List<Row> rows = new ArrayList<>();
        for (BuiltInTable row : table.rows("families", ROW_KEYS)) {
            rows.add(new Row(row.text("match"), profile(row, defaults)));
        }
        return new LatencyTable(List.copyOf(rows), defaults);
    }

    private static LatencyProfile profile(BuiltInTable t, LatencyProfile base) {
        return new LatencyProfile(
                t.decimal("overhead-ms", base == null ? 500 : base.overheadMillis()),
                t.decimal("prefill-ms-per-1k-input-tokens", base == null ? 150 : base.prefillMillisPer1kInput()),
                t.decimal("tokens-per-second", base == null ? 60 : base.tokensPerSecond()),
                t.integer("capacity", base == null ? 32 : base.capacity()),
                t.decimal("slowdown-at-capacity", base == null ? 2 : base.slowdownAtCapacity()),
                t.textOrNull("source") != null ? t.textOrNull("source") : base == null ? "[I] inferred" : base.source());
    }

    public LatencyProfile forModel(String modelId) {
        for (Row row : rows) {
            if (row.covers(modelId)) {
                return row.profile();
            }
        }
        return defaults;
    }
}
