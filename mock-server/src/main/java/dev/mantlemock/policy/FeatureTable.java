package dev.mantlemock.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The table of features Claude in Amazon Bedrock does not support ({@code bedrock/features.yaml}). */
public final class FeatureTable {
    private final List<String> profiles;
    private final List<Entry> features;
    private final Set<String> knownBetas;

    private FeatureTable(List<String> profiles, List<Entry> features, Set<String> knownBetas) {
        this.profiles = profiles;
        this.features = features;
        this.knownBetas = knownBetas;
    }

    public static FeatureTable builtIn() {
        Raw raw = ConfigLoader.readBuiltIn("/bedrock/features.yaml", Raw.class);
        return new FeatureTable(raw.profiles, raw.features, Set.copyOf(raw.knownBetas));
    }

    public List<String> profiles() {
        return profiles;
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

    public boolean isKnownBeta(String beta) {
        return knownBetas.contains(beta);
    }

    private static List<Glob> globs(List<String> patterns) {
        return patterns.stream().map(Glob::new).toList();
    }

    private static final class Raw {
        public List<String> profiles = List.of();
        public List<Entry> features = List.of();
        @JsonProperty("known-betas")
        public List<String> knownBetas = List.of();
    }

    private static final class Entry {
        public String name;
        @JsonProperty("unsupported-in")
        public List<String> unsupportedIn;
        @JsonProperty("tool-types")
        public List<String> toolTypes = List.of();
        public List<String> fields = List.of();
        public List<String> sources = List.of();
        @JsonProperty("block-types")
        public List<String> blockTypes = List.of();
        public List<String> betas = List.of();
    }
}
