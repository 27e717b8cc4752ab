package dev.mantlemock.load;

import java.util.List;

/**
 * What one probe step showed about the edge. A throttling endpoint answers 429 past it; a queueing
 * one (Mantle may queue: AWS "Scaling and throughput best practices") answers late instead, so a
 * step with no 429s whose answers came noticeably late is past the edge too: a latency knee.
 */
public enum StepVerdict {
    SUSTAINED("sustained"),
    THROTTLED("429s: the endpoint throttles"),
    QUEUED("no 429s, answers late: a latency knee, the endpoint queues"),
    FAILED("errors other than 429");

    private final String reason;

    StepVerdict(String reason) {
        this.reason = reason;
    }

    public boolean sustained() {
        return this == SUSTAINED;
    }

    /** The reason in words, for the summary. */
    public String reason() {
        return reason;
    }

    /**
     * The verdict on a step's measured requests.
     *
     * @param measured    the step's outcomes after it settled
     * @param unanswered  requests of the step still unanswered when it ended although sent more than {@code lateMillis} before: late
     * @param maxShare    the share of 429s (or of late answers) that is no longer "almost none"
     * @param lateMillis  an answer slower than this waited: see {@link #lateMillis}
     */
    public static StepVerdict of(List<Outcome> measured, long unanswered, double maxShare, long lateMillis) {
        long requests = measured.size() + unanswered;
        if (requests == 0) {
            return FAILED;
        }
        long throttled = measured.stream().filter(Outcome::throttled).count();
        long failed = measured.stream().filter(o -> !o.throttled() && !o.answered()).count();
        long late = unanswered + measured.stream().filter(o -> o.answered() && o.latencyMillis() > lateMillis).count();
        if (failed > 0) {
            return FAILED;
        }
        // Late answers first: a bounded queue refuses some once its wait runs out, but the knee came before.
        if (late >= Math.max(maxShare, QUEUED_SHARE) * requests && late > 0) {
            return QUEUED;
        }
        return throttled >= maxShare * requests && throttled >= MIN_THROTTLED ? THROTTLED : SUSTAINED;
    }

    /**
     * The verdict on what the mock itself counted in a step's measured part, over every injector: 429s
     * only (a latency knee is judged from the answers an injector saw, in a one-injector run).
     */
    public static StepVerdict ofServer(EdgeProbe.ServerCount count, double maxShare) {
        if (count.requests() == 0) {
            return FAILED;
        }
        return count.throttled() >= maxShare * count.requests() && count.throttled() >= MIN_THROTTLED ? THROTTLED : SUSTAINED;
    }

    /**
     * A single 429 does not refuse a step: on a busy machine the load generator sends a few requests
     * late and then together, and one may find the window full below the edge. Just above the edge the
     * step still reports what got through, which is the edge.
     */
    static final int MIN_THROTTLED = 2;

    /**
     * Late answers that make a latency knee. Higher than the 429 threshold: a busy load generator or a
     * garbage collection delays a few answers without any queue.
     */
    static final double QUEUED_SHARE = 0.05;

    /**
     * When an answer counts as late: well above the baseline step's p95 (an unloaded answer), and at
     * least a quarter of a second, so scheduling noise on a shared machine does not read as a queue.
     */
    public static long lateMillis(long baselineP95Millis) {
        return Math.max(250, 3 * baselineP95Millis + 100);
    }
}
