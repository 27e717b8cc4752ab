package dev.mantlemock.faults;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.pipeline.Exchange;

/**
 * Reads {@code x-mock-fault: <kind>[;param=value]...}, e.g. {@code overloaded}, {@code latency;ms=250},
 * {@code stream_error;after=5}, {@code slow_stream;tps=5;ttft=300}, {@code rate_limit;retry_after=1}.
 * A value that cannot be honoured is a 400, so a test never passes by silently not injecting.
 */
final class HeaderFault {
    private static final String PARAMETERS = "after, ms, tps, ttft, retry_after";

    private HeaderFault() {}

    static FaultRule parse(String value, Exchange exchange, long seed) {
        String[] parts = value.split(";");
        FaultRuleSpec spec = new FaultRuleSpec();
        spec.kind = parts[0].trim();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            set(spec, kv[0].trim(), kv.length == 2 ? kv[1].trim() : "", value);
        }
        FaultRule rule;
        try {
            rule = new FaultRule("header", spec, seed);
        } catch (ApiException e) {
            throw ApiException.of(ApiError.FAULT_HEADER_INVALID, e.getMessage());
        }
        if (rule.kind().needsStream() && !exchange.message().stream()) {
            throw ApiException.of(ApiError.FAULT_HEADER_NEEDS_STREAM, rule.kind().wireName());
        }
        return rule;
    }

    private static void set(FaultRuleSpec spec, String key, String v, String header) {
        try {
            switch (key) {
                case "after" -> spec.afterEvents = Integer.parseInt(v);
                case "ms" -> spec.latencyMillis = Long.parseLong(v);
                case "tps" -> spec.tokensPerSecond = Double.parseDouble(v);
                case "ttft" -> spec.timeToFirstTokenMillis = Long.parseLong(v);
                case "retry_after" -> spec.retryAfterSeconds = Integer.parseInt(v);
                default -> throw ApiException.of(ApiError.FAULT_HEADER_UNKNOWN_PARAMETER, key, PARAMETERS);
            }
        } catch (NumberFormatException e) {
            throw ApiException.of(ApiError.FAULT_HEADER_NOT_A_NUMBER, header);
        }
    }
}
