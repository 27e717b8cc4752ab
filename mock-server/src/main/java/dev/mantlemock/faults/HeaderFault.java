package dev.mantlemock.faults;

import dev.mantlemock.domain.ApiException;
import dev.mantlemock.pipeline.Exchange;

/**
 * Reads {@code x-mock-fault: <kind>[;param=value]...}, e.g. {@code overloaded}, {@code latency;ms=250},
 * {@code stream_error;after=5}, {@code slow_stream;tps=5;ttft=300}, {@code rate_limit;retry_after=1}.
 * A value that cannot be honoured is a 400, so a test never passes by silently not injecting.
 */
final class HeaderFault {
    private HeaderFault() {}

    static FaultRule parse(String value, Exchange exchange, long seed) {
        String[] parts = value.split(";");
        FaultRuleSpec spec = new FaultRuleSpec();
        spec.kind = parts[0].trim();
        try {
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                String key = kv[0].trim();
                String v = kv.length == 2 ? kv[1].trim() : "";
                switch (key) {
                    case "after" -> spec.afterEvents = Integer.parseInt(v);
                    case "ms" -> spec.latencyMillis = Long.parseLong(v);
                    case "tps" -> spec.tokensPerSecond = Double.parseDouble(v);
                    case "ttft" -> spec.timeToFirstTokenMillis = Long.parseLong(v);
                    case "retry_after" -> spec.retryAfterSeconds = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown parameter '" + key
                            + "' (known: after, ms, tps, ttft, retry_after)");
                }
            }
            FaultRule rule = new FaultRule("header", spec, seed);
            if (rule.kind().needsStream() && !exchange.message().stream()) {
                throw new IllegalArgumentException("'" + rule.kind().wireName() + "' needs a streaming request (\"stream\": true)");
            }
            return rule;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("x-mock-fault: '" + value + "' has a parameter that is not a number");
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("x-mock-fault: " + e.getMessage());
        }
    }
}
