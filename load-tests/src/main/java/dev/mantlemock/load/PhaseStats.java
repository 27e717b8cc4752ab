package dev.mantlemock.load;

import java.util.List;

/**
 * The figures a quota request needs, for one phase of a run (or the whole run).
 * Rates are per real minute over the phase's planned length, so a compressed quota window does
 * not change them: a 6 s window with a scaled quota admits the same tokens per minute as 60 s.
 *
 * <p>{@code offeredTpm} and {@code admittedTpm} count what admission charges (input + {@code max_tokens}):
 * every request sent, and the answered ones. A refused request reports no usage, so each request sent
 * is counted at the mean admission charge of the answered ones (a phase sends one request shape).
 * {@code quotaTpm} is what stays charged after the refund: the sustained figure.
 */
public record PhaseStats(
        String phase,
        double seconds,
        long requests,
        long answered,
        long throttled,
        long otherErrors,
        double throttledShare,
        double requestsPerMinute,
        double inputTpm,
        double outputTpm,
        double quotaTpm,
        double admissionChargePerRequest,
        double settledChargePerRequest,
        long latencyP50Ms,
        long latencyP95Ms,
        long latencyP99Ms,
        long ttftP50Ms,
        long ttftP95Ms,
        long ttftP99Ms,
        double outputTokensPerSecondP50,
        double offeredTpm,
        double admittedTpm,
        double latencyMeanMs) {

    public static PhaseStats of(String phase, List<Outcome> outcomes, double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("a phase must last more than 0 s, was " + seconds);
        }
        long answered = 0;
        long throttled = 0;
        long input = 0;
        long output = 0;
        long reserved = 0;
        int streamed = 0;
        long latencySum = 0;
        long[] latencies = new long[outcomes.size()];
        long[] ttfts = new long[outcomes.size()];
        long[] speeds = new long[outcomes.size()];
        int speedCount = 0;
        int i = 0;
        for (Outcome o : outcomes) {
            if (o.throttled()) {
                throttled++;
            }
            if (o.answered()) {
                answered++;
                input += o.inputTokens();
                output += o.outputTokens();
                reserved += o.inputTokens() + o.maxTokens();
                latencies[i++] = o.latencyMillis();
                latencySum += o.latencyMillis();
                if (o.ttftMillis() >= 0) {
                    ttfts[streamed++] = o.ttftMillis();
                }
                double speed = o.outputTokensPerSecond();
                if (speed >= 0) {
                    speeds[speedCount++] = Math.round(speed);
                }
            }
        }
        long requests = outcomes.size();
        double perMinute = 60.0 / seconds;
        // Latency percentiles are over answered requests: a 429 comes back in a millisecond and would flatter them.
        Percentiles latency = new Percentiles(java.util.Arrays.copyOf(latencies, i));
        Percentiles ttft = new Percentiles(java.util.Arrays.copyOf(ttfts, streamed));
        Percentiles speed = new Percentiles(java.util.Arrays.copyOf(speeds, speedCount));
        return new PhaseStats(phase, seconds, requests, answered, throttled, requests - answered - throttled,
                requests == 0 ? 0 : throttled / (double) requests,
                requests * perMinute,
                input * perMinute,
                output * perMinute,
                (input + output) * perMinute,
                answered == 0 ? 0 : reserved / (double) answered,
                answered == 0 ? 0 : (input + output) / (double) answered,
                latency.at(50), latency.at(95), latency.at(99),
                ttft.at(50), ttft.at(95), ttft.at(99),
                speed.at(50),
                answered == 0 ? 0 : requests * perMinute * reserved / (double) answered,
                reserved * perMinute,
                i == 0 ? 0 : latencySum / (double) i);
    }
}
