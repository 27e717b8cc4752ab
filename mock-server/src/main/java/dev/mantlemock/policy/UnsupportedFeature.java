package dev.mantlemock.policy;

import java.util.List;
import java.util.Set;

/** One feature Mantle refuses, with every way a request can ask for it. */
public record UnsupportedFeature(
        String name, List<Glob> toolTypes, Set<String> fields, Set<String> sources, Set<String> blockTypes, List<Glob> betas) {

    boolean matchesToolType(String type) {
        return toolTypes.stream().anyMatch(g -> g.matches(type));
    }

    boolean matchesBeta(String beta) {
        return betas.stream().anyMatch(g -> g.matches(beta));
    }
}
