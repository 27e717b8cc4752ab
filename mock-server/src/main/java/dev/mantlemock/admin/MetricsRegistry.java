package dev.mantlemock.admin;

import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.faults.FaultKind;
import dev.mantlemock.faults.FaultRules;
import dev.mantlemock.domain.Completion;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.pipeline.ExchangeObserver;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.quota.QuotaBook;
import dev.mantlemock.quota.QuotaKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counters for {@code GET /_mock/metrics} in the Prometheus text format. The hot path only bumps
 * {@link LongAdder}s; labels are packed into an int key so counting allocates nothing after warm-up.
 * Quota refusals and injected faults are read from their owners at scrape time.
 */
public final class MetricsRegistry implements ExchangeObserver {
    private static final ErrorType[] TYPES = ErrorType.values();

    private final QuotaBook quotas;
    private final FaultRules faults;
    private final ConcurrentHashMap<Integer, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder inputTokens = new LongAdder();
    private final LongAdder cacheReadTokens = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder openStreams = new LongAdder();
    private final LongAdder durationNanos = new LongAdder();
    private final AtomicLong generation = new AtomicLong();
    private final MetricsSeconds seconds = new MetricsSeconds();

    public MetricsRegistry(QuotaBook quotas, FaultRules faults) {
        this.quotas = quotas;
        this.faults = faults;
    }

    /** Counts streams from when encoding may start until they end; the last stage before the encoder. */
    public Stage openStreams() {
        return new OpenStreams();
    }

    private final class OpenStreams implements Stage {
        @Override
        public Needs needs() {
            return Needs.reads(Slot.MESSAGE);
        }

        @Override
        public void process(Exchange exchange) {
            if (exchange.message().stream()) {
                openStreams.increment();
                exchange.onComplete(c -> openStreams.decrement());
            }
        }
    }

    /** Counts the exchange when it completes, unless the counters were reset after it entered (it belongs to the earlier run). */
    @Override
    public Consumer<Completion> started(Exchange e) {
        long gen = generation.get();
        long second = e.endpoint() == Endpoint.MESSAGES ? Math.floorDiv(now(), 1000) : Long.MIN_VALUE;
        if (second != Long.MIN_VALUE) {
            seconds.add(second, MetricsSeconds.REQUESTS, 1);
        }
        return c -> {
            if (gen == generation.get()) {
                count(e, c);
                if (second != Long.MIN_VALUE) {
                    countSecond(e, c, second);
                }
            }
        };
    }

    private long now() {
        return quotas == null ? System.currentTimeMillis() : quotas.now();
    }

    /** The answer's outcome, in the second its request arrived. */
    private void countSecond(Exchange e, Completion c, long second) {
        if (c.status() == 429) {
            seconds.add(second, MetricsSeconds.THROTTLED, 1);
        } else if (c.status() < 400) {
            seconds.add(second, MetricsSeconds.ANSWERED, 1);
            InputTokens input = e.peek(Slot.INPUT_TOKENS);
            seconds.add(second, MetricsSeconds.INPUT, input == null ? 0 : input.chargeable());
        }
        seconds.add(second, MetricsSeconds.OUTPUT, c.outputTokens());
    }

    /** Messages requests per second of arrival, from {@code from} up to {@code to} (epoch seconds), for the last hour. */
    public List<Map<String, Long>> perSecond(long from, long to) {
        return seconds.between(from, to);
    }

    private void count(Exchange e, Completion c) {
        int key = (e.endpoint().ordinal() << 16) | (Math.min(c.status(), 999) << 5) | typeIndex(c.errorType());
        LongAdder counter = requests.get(key);
        if (counter == null) {
            counter = requests.computeIfAbsent(key, k -> new LongAdder());
        }
        counter.increment();
        durationNanos.add(c.nanos());
        InputTokens input = e.peek(Slot.INPUT_TOKENS);
        if (c.status() < 400 && e.endpoint() == Endpoint.MESSAGES && input != null) {
            inputTokens.add(input.chargeable());
            cacheReadTokens.add(input.cacheRead());
        }
        outputTokens.add(c.outputTokens());
    }

    private static int typeIndex(String errorType) {
        if (errorType == null) {
            return 0;
        }
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i].wireName().equals(errorType)) {
                return i + 1;
            }
        }
        return 31; // a type this table does not know yet
    }

    public long openStreamCount() {
        return openStreams.sum();
    }

    /** Requests answered so far, by HTTP status over every endpoint and error type: the dashboard's rates. */
    public Map<Integer, Long> requestsByStatus() {
        Map<Integer, Long> out = new TreeMap<>();
        requests.forEach((k, n) -> out.merge((k >>> 5) & 0x7ff, n.sum(), Long::sum));
        return out;
    }

    /** Quota refusals so far, by quota (input-tokens, output-tokens, requests). */
    public Map<String, Long> throttledByQuota() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (QuotaKind kind : QuotaKind.values()) {
            out.put(kind.headerName(), quotas == null ? 0 : quotas.throttled(kind));
        }
        return out;
    }

    public void reset() {
        generation.incrementAndGet();
        requests.clear();
        inputTokens.reset();
        cacheReadTokens.reset();
        outputTokens.reset();
        durationNanos.reset();
        seconds.reset();
    }

    /** Record and compare modes: the relays in flight, read when the metrics are rendered. */
    private volatile java.util.function.IntSupplier upstreamRelays = () -> 0;

    public void upstreamRelays(java.util.function.IntSupplier inFlight) {
        upstreamRelays = inFlight;
    }

    public String render() {
        StringBuilder out = new StringBuilder(2048);
        head(out, "mantle_mock_requests_total", "counter", "Requests answered, by endpoint, HTTP status and Anthropic error type.");
        long count = 0;
        Map<Integer, LongAdder> sorted = new TreeMap<>(requests);
        for (Map.Entry<Integer, LongAdder> entry : sorted.entrySet()) {
            int k = entry.getKey();
            int type = k & 31;
            long n = entry.getValue().sum();
            count += n;
            out.append("mantle_mock_requests_total{endpoint=\"").append(Endpoint.values()[k >>> 16].name().toLowerCase())
                    .append("\",status=\"").append((k >>> 5) & 0x7ff)
                    .append("\",error_type=\"").append(type == 0 ? "" : type == 31 ? "other" : TYPES[type - 1].wireName())
                    .append("\"} ").append(n).append('\n');
        }
        head(out, "mantle_mock_request_duration_seconds", "summary", "Time from receipt to the last byte written.");
        out.append("mantle_mock_request_duration_seconds_sum ").append(durationNanos.sum() / 1e9).append('\n');
        out.append("mantle_mock_request_duration_seconds_count ").append(count).append('\n');
        counter(out, "mantle_mock_input_tokens_total", "Input tokens of answered Messages requests (uncached and cache writes).", inputTokens.sum());
        counter(out, "mantle_mock_cache_read_input_tokens_total", "Cache-read input tokens of answered Messages requests.", cacheReadTokens.sum());
        counter(out, "mantle_mock_output_tokens_total", "Output tokens produced.", outputTokens.sum());
        head(out, "mantle_mock_throttled_requests_total", "counter", "Requests refused with 429 by a quota, by quota.");
        throttledByQuota().forEach((quota, n) ->
                out.append("mantle_mock_throttled_requests_total{quota=\"").append(quota).append("\"} ").append(n).append('\n'));
        counter(out, "mantle_mock_quota_admitted_late_total", "Requests admitted after waiting for room (quota queue mode).",
                quotas == null ? 0 : quotas.admittedLate());
        head(out, "mantle_mock_quota_waiting", "gauge", "Requests waiting for room now (quota queue mode).");
        out.append("mantle_mock_quota_waiting ").append(quotas == null ? 0 : quotas.waiting()).append('\n');
        head(out, "mantle_mock_faults_injected_total", "counter", "Faults injected, by kind.");
        for (FaultKind kind : FaultKind.values()) {
            out.append("mantle_mock_faults_injected_total{fault=\"").append(kind.wireName()).append("\"} ")
                    .append(faults == null ? 0 : faults.injected(kind)).append('\n');
        }
        head(out, "mantle_mock_open_streams", "gauge", "Streams being written now.");
        out.append("mantle_mock_open_streams ").append(openStreams.sum()).append('\n');
        head(out, "mantle_mock_upstream_relays", "gauge", "Upstream requests relayed now or waiting for a relay thread (record and compare modes).");
        out.append("mantle_mock_upstream_relays ").append(upstreamRelays.getAsInt()).append('\n');
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        head(out, name, "counter", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void head(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
