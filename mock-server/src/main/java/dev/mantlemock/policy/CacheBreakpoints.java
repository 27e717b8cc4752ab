package dev.mantlemock.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.MessageRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache breakpoints of a request, in the order the API processes them (tools, system, messages,
 * then the top-level {@code cache_control}, which marks the last block): no more than the model allows,
 * and no 1 h breakpoint after a 5 m one. A breakpoint without a {@code ttl} is a 5 m one.
 */
final class CacheBreakpoints {
    /** @param ttlPath where its ttl is, for the error */
    private record Breakpoint(String ttlPath, boolean oneHour) {}

    private CacheBreakpoints() {}

    static void check(MessageRequest request, int max) {
        List<Breakpoint> found = collect(request);
        if (found.size() > max) {
            throw ApiException.of(ApiError.TOO_MANY_CACHE_BREAKPOINTS, max, found.size());
        }
        boolean fiveMinutesSeen = false;
        for (Breakpoint b : found) {
            if (b.oneHour() && fiveMinutesSeen) {
                throw ApiException.of(ApiError.CACHE_TTL_ORDER, b.ttlPath());
            }
            fiveMinutesSeen |= !b.oneHour();
        }
    }

    private static List<Breakpoint> collect(MessageRequest request) {
        List<Breakpoint> out = new ArrayList<>();
        blocks(request.tools(), "tools", out);
        blocks(request.system(), "system", out);
        JsonNode messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            blocks(messages.get(i).path("content"), "messages." + i + ".content", out);
        }
        JsonNode topLevel = request.json().path("cache_control");
        if (topLevel.isObject()) {
            out.add(new Breakpoint("cache_control.ttl", isOneHour(topLevel)));
        }
        return out;
    }

    /** Blocks may nest: a tool_result carries its own content blocks. */
    private static void blocks(JsonNode list, String path, List<Breakpoint> out) {
        if (!list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode block = list.get(i);
            String where = path + "." + i;
            if (block.path("cache_control").isObject()) {
                out.add(new Breakpoint(where + ".cache_control.ttl", isOneHour(block.get("cache_control"))));
            }
            blocks(block.path("content"), where + ".content", out);
        }
    }

    private static boolean isOneHour(JsonNode control) {
        return control.path("ttl").asText().equals("1h");
    }
}
