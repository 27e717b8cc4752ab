package dev.mantlemock.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run second by second, beside the per-phase bars: what was offered and admitted, how full the quota
 * window was, the 429s (as the injectors saw them, and as the mock counted them where it is the target),
 * and the latency and time to first token of the requests sent in each second.
 */
public final class Timeline {
    private Timeline() {}

    /**
     * One second of a run.
     *
     * @param second            seconds since the run's first request
     * @param epochSecond       the second itself (epoch seconds), to line up with the mock's counts
     * @param requests          requests sent in it
     * @param offeredTpm        their admission charge (input + max_tokens) per minute
     * @param admittedTpm       the admission charge of those answered, per minute
     * @param throttled         429s among them, as the injectors saw them
     * @param serverThrottled   429s the mock counted for requests that arrived in it; -1 when not known (AWS)
     * @param windowFill        settled charge (input + output) of answered requests in the window ending here, as a share of the quota's window
     * @param latencyP50Ms      of the answered requests sent in it; -1 when none
     * @param latencyP95Ms      as above
     * @param ttftP50Ms         of the streamed answers sent in it; -1 when none
     * @param ttftP95Ms         as above
     */
    public record Second(long second, long epochSecond, long requests, double offeredTpm, double admittedTpm, long throttled,
                         long serverThrottled, double windowFill, long latencyP50Ms, long latencyP95Ms, long ttftP50Ms, long ttftP95Ms) {}

    /**
     * @param outcomes        every request of the run (one injector's, or all merged)
     * @param serverSeconds   the mock's per-second counts ({@code /_mock/metrics/seconds}); empty against AWS
     * @param quotaTpm        the input-TPM quota: the window's fill is a share of it
     * @param windowSeconds   the quota window
     * @param admissionCharge the charge of a request whose usage is not known (a 429), input + max_tokens
     */
    public static List<Second> of(List<Outcome> outcomes, List<JsonNode> serverSeconds, long quotaTpm, double windowSeconds,
                                  long admissionCharge) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        TreeMap<Long, List<Outcome>> bySecond = new TreeMap<>();
        for (Outcome o : outcomes) {
            bySecond.computeIfAbsent(Math.floorDiv(o.sentAtMillis(), 1000), k -> new ArrayList<>()).add(o);
        }
        Map<Long, Long> server = new TreeMap<>();
        for (JsonNode s : serverSeconds) {
            server.merge(s.path("second").asLong(), s.path("throttled").asLong(), Math::max);
        }
        long first = bySecond.firstKey();
        long last = bySecond.lastKey();
        long window = Math.max(1, Math.round(windowSeconds));
        double limit = quotaTpm * windowSeconds / 60.0;
        long[] settled = new long[(int) (last - first + 1)];
        List<Second> out = new ArrayList<>();
        for (long sec = first; sec <= last; sec++) {
            List<Outcome> in = bySecond.getOrDefault(sec, List.of());
            long offered = 0;
            long admitted = 0;
            long throttled = 0;
            long settledNow = 0;
            long[] latencies = new long[in.size()];
            long[] ttfts = new long[in.size()];
            int answered = 0;
            int streamed = 0;
            for (Outcome o : in) {
                long charge = o.answered() ? o.inputTokens() + o.maxTokens() : admissionCharge;
                offered += charge;
                if (o.answered()) {
                    admitted += charge;
                    settledNow += o.settledCharge();
                    latencies[answered++] = o.latencyMillis();
                    if (o.ttftMillis() >= 0) {
                        ttfts[streamed++] = o.ttftMillis();
                    }
                }
                if (o.throttled()) {
                    throttled++;
                }
            }
            int i = (int) (sec - first);
            settled[i] = settledNow;
            long inWindow = 0;
            for (int j = Math.max(0, i - (int) window + 1); j <= i; j++) {
                inWindow += settled[j];
            }
            Percentiles latency = new Percentiles(Arrays.copyOf(latencies, answered));
            Percentiles ttft = new Percentiles(Arrays.copyOf(ttfts, streamed));
            out.add(new Second(i, sec, in.size(), offered * 60.0, admitted * 60.0, throttled,
                    server.isEmpty() ? -1 : server.getOrDefault(sec, 0L), limit > 0 ? inWindow / limit : 0,
                    latency.at(50), latency.at(95), ttft.at(50), ttft.at(95)));
        }
        return out;
    }
}
