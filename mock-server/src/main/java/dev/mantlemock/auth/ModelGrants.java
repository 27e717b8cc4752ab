package dev.mantlemock.auth;

import java.util.Set;

/**
 * The models a principal may call, per IAM action. An empty set of patterns means every model;
 * a pattern is a model id or a prefix ending in '*'.
 */
public record ModelGrants(Set<String> patterns) {
    public static final ModelGrants ALL = new ModelGrants(Set.of());

    public boolean allows(String modelId) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String p : patterns) {
            if (p.equals("*") || p.equals(modelId) || (p.endsWith("*") && modelId.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
