package dev.mantlemock.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Json;
import dev.mantlemock.upstream.Capture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What differs between the mock's answer and the upstream's to the same request, aspect by aspect:
 * the shape a client relies on, never the words (a real model's text is not the mock's).
 */
public final class Drift {
    /** The aspects compared, in the order they are reported. */
    public static final List<String> ASPECTS = List.of("status", "error_type", "content_types", "stop_reason",
            "usage_fields", "sse_events", "headers");
    /** Headers whose presence a client may depend on; {@code anthropic-ratelimit-*} are compared too. */
    private static final List<String> HEADERS = List.of("request-id", "retry-after", "x-should-retry", "content-type");

    private Drift() {}

    /** One difference: the aspect, and what each side had. */
    public record Difference(String aspect, Object mock, Object upstream) {
        ObjectNode json() {
            ObjectNode o = Json.object().put("aspect", aspect);
            o.set("mock", Json.MAPPER.valueToTree(mock));
            o.set("upstream", Json.MAPPER.valueToTree(upstream));
            return o;
        }
    }

    public static List<Difference> between(Capture mock, Capture upstream) {
        List<Difference> out = new ArrayList<>();
        add(out, "status", mock.status(), upstream.status());
        add(out, "error_type", mock.errorType(), upstream.errorType());
        ObjectNode m = mock.message();
        ObjectNode u = upstream.message();
        if (m != null && u != null) {
            add(out, "content_types", blockTypes(m), blockTypes(u));
            add(out, "stop_reason", m.path("stop_reason").asText(null), u.path("stop_reason").asText(null));
            add(out, "usage_fields", fields(m.path("usage")), fields(u.path("usage")));
        }
        add(out, "sse_events", events(mock), events(upstream));
        add(out, "headers", headers(mock.headers()), headers(upstream.headers()));
        return out;
    }

    private static void add(List<Difference> out, String aspect, Object mock, Object upstream) {
        if (!Objects.equals(mock, upstream)) {
            out.add(new Difference(aspect, mock, upstream));
        }
    }

    private static List<String> blockTypes(ObjectNode message) {
        List<String> types = new ArrayList<>();
        message.path("content").forEach(b -> types.add(b.path("type").asText()));
        return types;
    }

    private static List<String> fields(JsonNode usage) {
        List<String> names = new ArrayList<>();
        usage.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    /**
     * The stream's event sequence with runs of the same event collapsed and pings left out: how finely
     * a text is cut into deltas, and when keep-alives come, is timing, not shape.
     */
    static List<String> events(Capture capture) {
        List<String> out = new ArrayList<>();
        for (String name : capture.eventNames()) {
            if (!name.equals("ping") && (out.isEmpty() || !out.get(out.size() - 1).equals(name))) {
                out.add(name);
            }
        }
        return out;
    }

    private static List<String> headers(Map<String, String> headers) {
        TreeSet<String> present = new TreeSet<>();
        for (String name : headers.keySet()) {
            if (HEADERS.contains(name) || name.startsWith("anthropic-ratelimit-")) {
                present.add(name.equals("content-type") ? "content-type: " + headers.get(name).split(";")[0].trim() : name);
            }
        }
        return List.copyOf(present);
    }
}
