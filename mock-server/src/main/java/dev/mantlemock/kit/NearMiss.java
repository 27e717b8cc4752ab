package dev.mantlemock.kit;

import dev.mantlemock.fixtures.Fixture;
import dev.mantlemock.fixtures.FixtureMatch;
import java.util.List;
import java.util.Optional;

/**
 * The stub that came closest to a request (WireMock's near miss): of the stubs and fixtures, the one with the
 * fewest conditions unmet, and each unmet condition with what it wants and what the request has. The
 * conditions are the fixture matcher's own ({@link FixtureMatch#misses}), so what is shown is what decided.
 */
final class NearMiss {
    private NearMiss() {}

    /** "closest stub 'stub-2' (description): tool: wanted lookp_order, was [lookup_order]", or empty when there is no stub. */
    static Optional<String> closest(RecordedRequest request, List<Fixture> stubs) {
        return request.request().flatMap(m -> {
            Fixture best = null;
            List<FixtureMatch.Miss> bestMisses = null;
            for (Fixture f : stubs) {
                if ("count_tokens".equals(f.match.endpoint)) {
                    continue;
                }
                List<FixtureMatch.Miss> misses = f.match.misses(m, name -> request.header(name).orElse(null));
                if (bestMisses == null || misses.size() < bestMisses.size()) {
                    best = f;
                    bestMisses = misses;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            String what = "closest stub '" + best.name + "'" + (best.description == null ? "" : " (" + best.description + ")");
            return Optional.of(bestMisses.isEmpty() ? what + ": matches it now"
                    : what + ", differs at:" + bestMisses.stream().map(x -> "\n        " + x).reduce("", String::concat));
        });
    }

    /** Where a request differs from a verified pattern, one line per unmet condition. */
    static String fromPattern(RecordedRequest request, RequestPattern pattern) {
        List<FixtureMatch.Miss> misses = pattern.misses(request);
        return misses.isEmpty() ? "" : "\n      differs from the pattern at:" + misses.stream().map(x -> "\n        " + x).reduce("", String::concat);
    }
}
