package dev.mantlemock.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The quota probe's stepped ramp: offered input TPM from {@code fromTpm} upwards in equal steps.
 * The probe's answer is the highest step that was sustained: answered with fewer than the allowed
 * share of 429s; its achieved (not offered) TPM is the figure to quote.
 */
public record ProbeSteps(double fromTpm, double stepTpm, int count) {
    public ProbeSteps {
        if (!(fromTpm > 0) || !(stepTpm > 0) || count < 1) {
            throw new IllegalArgumentException("the probe needs a start above 0, a step above 0 and at least one step");
        }
    }

    /** Steps from {@code from} to {@code to} (both included) every {@code step}. */
    public static ProbeSteps between(double fromTpm, double toTpm, double stepTpm) {
        if (!(toTpm >= fromTpm)) {
            throw new IllegalArgumentException("the probe's end (" + toTpm + ") must not be below its start (" + fromTpm + ")");
        }
        return new ProbeSteps(fromTpm, stepTpm, (int) Math.floor((toTpm - fromTpm) / stepTpm + 1e-9) + 1);
    }

    public double offeredTpm(int step) {
        return fromTpm + step * stepTpm;
    }

    public String name(int step) {
        return String.format(java.util.Locale.ROOT, "step %02d", step);
    }

    /**
     * The highest step sustained with fewer than {@code maxShare} throttled, counting only steps before
     * the first one that was not: a later lucky step above a throttled one is not a sustained rate.
     * Null when even the first step was throttled.
     */
    public static PhaseStats highestSustained(List<PhaseStats> steps, double maxShare) {
        PhaseStats best = null;
        for (PhaseStats s : steps) {
            if (s.requests() == 0) {
                break;
            }
            if (s.throttledShare() >= maxShare || s.otherErrors() > 0) {
                break;
            }
            best = s;
        }
        return best;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(name(i));
        }
        return names;
    }
}
