package dev.mantlemock.testing;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A seeded property runner with shrinking, for properties over values the project builds itself
 * (schemas, conversations). Each try draws a value from its own split of one seed (the values are
 * checked in parallel, so the property must be thread-safe); on a failure the
 * value is shrunk (each candidate one step simpler) while it still fails, and the test fails with the
 * smallest failing value, the seed and the try. The seed is fixed so a run repeats exactly;
 * {@code -Dmantlemock.property.seed=N} explores others.
 */
public final class PropertyRunner {
    /** The seed of every property unless {@code mantlemock.property.seed} says otherwise. */
    public static final long SEED = Long.getLong("mantlemock.property.seed", 0x23_5EEDL);
    /** Shrinking stops after this many steps: a long chain is still reported, as far as it got. */
    private static final int MAX_SHRINK_STEPS = 500;

    private PropertyRunner() {}

    /** Values one step simpler than a given one; none when it is as simple as it gets. */
    public interface Shrinker<T> {
        List<T> simpler(T value);
    }

    /**
     * Runs {@code tries} values through {@code failure} (null when the property holds, else why not).
     *
     * @return how many values were tried (all of them, when it returns)
     */
    public static <T> int check(String property, int tries, Function<SplittableRandom, T> draw, Shrinker<T> shrinker,
                                Function<T, String> failure) {
        SplittableRandom root = new SplittableRandom(SEED);
        List<T> values = new java.util.ArrayList<>(tries);
        for (int i = 0; i < tries; i++) {
            values.add(draw.apply(root.split())); // drawn in order, so a seed names the same values however they run
        }
        // Checked on every core (the property must be thread-safe); the first failure in draw order is the one shrunk.
        String[] why = new String[tries];
        java.util.stream.IntStream.range(0, tries).parallel().forEach(i -> why[i] = failure.apply(values.get(i)));
        for (int i = 0; i < tries; i++) {
            if (why[i] != null) {
                throw shrunk(property, i, values.get(i), why[i], shrinker, failure);
            }
        }
        return tries;
    }

    private static <T> AssertionError shrunk(String property, int attempt, T value, String why, Shrinker<T> shrinker,
                                             Function<T, String> failure) {
        T smallest = value;
        String reason = why;
        int steps = 0;
        boolean simpler = true;
        while (simpler && steps < MAX_SHRINK_STEPS) {
            simpler = false;
            for (T candidate : shrinker.simpler(smallest)) {
                String r = failure.apply(candidate);
                steps++;
                if (r != null) {
                    smallest = candidate;
                    reason = r;
                    simpler = true;
                    break;
                }
            }
        }
        return new AssertionError(property + " failed on try " + attempt + " (seed " + SEED + ", -Dmantlemock.property.seed="
                + SEED + " repeats it), shrunk in " + steps + " steps to:\n" + smallest + "\nbecause: " + reason
                + "\nfirst failing value:\n" + value);
    }
}
