package dev.mantlemock.policy;

import dev.mantlemock.bedrock.BuiltInTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The table of features Claude in Amazon Bedrock does not support ({@code bedrock/features.yaml}). */
public final class FeatureTable {
    private final List<String> profiles;
    private final List<Entry> features;
    private final Set<String> knownBetas;
    private final Set<String> bedrockRuntimeBetas;

    private FeatureTable(List<String> profiles, List<Entry> features, Set<String> knownBetas, Set<String> bedrockRuntimeBetas) {
        this.profiles = profiles;
        this.features = features;
        this.knownBetas = knownBetas;
        this.bedrockRuntimeBetas = bedrockRuntimeBetas;
    }

    public static FeatureTable builtIn() {
        BuiltInTable table = BuiltInTable.read(BuiltInTable.FEATURES, "profiles", "features", "known-betas",
                "bedrock-runtime-betas");
        List<Entry> features = new ArrayList<>();
        for (BuiltInTable row : table.rows("features",
                "name", "unsupported-in", "tool-types", "fields", "sources", "block-types", "betas")) {
            features.add(new Entry(row.text("name"), row.stringsOrNull("unsupported-in"), row.strings("tool-types"),
                    row.strings("fields"), row.strings("sources"), row.strings("block-types"), row.strings("betas")));
        }
        return new FeatureTable(table.strings("profiles"), features, Set.copyOf(table.strings("known-betas")),
                Set.copyOf(table.strings("bedrock-runtime-betas")));
    }

    /** The features refused under a profile. */
    public List<UnsupportedFeature> unsupportedIn(String profile) {
        if (!profiles.contains(profile)) {
            throw new IllegalArgumentException("profile must be one of " + profiles + ", not '" + profile + "'");
        }
        List<UnsupportedFeature> out = new ArrayList<>();
        for (Entry e : features) {
            if (e.unsupportedIn == null || e.unsupportedIn.contains(profile)) {
                out.add(new UnsupportedFeature(e.name, globs(e.toolTypes), Set.copyOf(e.fields),
                        Set.copyOf(e.sources), Set.copyOf(e.blockTypes), globs(e.betas)));
            }
        }
        return out;
    }

    /** Every content block type the table names, in any profile: request validation leaves their shape to the policy. */
    public Set<String> blockTypes() {
        Set<String> out = new HashSet<>();
        features.forEach(e -> out.addAll(e.blockTypes));
        return Set.copyOf(out);
    }

    public boolean isKnownBeta(String beta) {
        return knownBetas.contains(beta);
    }

    /** Whether the Bedrock runtime (InvokeModel) is documented or observed to accept this beta. */
    public boolean isBedrockRuntimeBeta(String beta) {
        return bedrockRuntimeBetas.contains(beta);
    }

    private static List<Glob> globs(List<String> patterns) {
        return patterns.stream().map(Glob::new).toList();
    }

    /** One row of the table; {@code unsupportedIn} null means every profile. */
    private record Entry(String name, List<String> unsupportedIn, List<String> toolTypes, List<String> fields,
            List<String> sources, List<String> blockTypes, List<String> betas) {}
}
