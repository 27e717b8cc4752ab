package dev.mantlemock.domain;

import java.util.Map;
import java.util.Set;

/**
 * The models a principal may call, per IAM action. An empty set of patterns means every model;
 * a pattern is a model id or a prefix ending in '*'. {@code byAction} overrides {@code patterns} for the
 * actions it names, and there an empty set denies every model (an explicit "nothing for this action").
 */
public record ModelGrants(Set<String> patterns, Map<String, Set<String>> byAction) {
    public static final ModelGrants ALL = new ModelGrants(Set.of());

    public ModelGrants {
        patterns = Set.copyOf(patterns);
        byAction = Map.copyOf(byAction);
    }

    public ModelGrants(Set<String> patterns) {
        this(patterns, Map.of());
    }

    /** Whether the model may be called at all (the patterns that apply to every action). */
    public boolean allows(String modelId) {
        return patterns.isEmpty() || matchesAny(patterns, modelId);
    }

    /** Whether {@code action} (e.g. {@code bedrock-mantle:CreateInference}) is allowed on the model. */
    public boolean allows(String action, String modelId) {
        Set<String> forAction = byAction.get(action);
        return forAction == null ? allows(modelId) : matchesAny(forAction, modelId);
    }

    private static boolean matchesAny(Set<String> patterns, String modelId) {
        for (String p : patterns) {
            if (p.equals("*") || p.equals(modelId) || (p.endsWith("*") && modelId.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
