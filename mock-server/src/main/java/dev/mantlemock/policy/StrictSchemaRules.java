package dev.mantlemock.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the real API refuses in the schema of a structured output or a {@code strict} tool (its
 * constrained decoder cannot honour it): array bounds beyond 0 or 1 items, {@code maxItems}, number
 * ranges, and objects left open. Each refusal names the schema's path, as the first-party 400 does.
 * A non-strict tool's schema is not constrained this way; the generator bounds its work on any schema.
 */
public final class StrictSchemaRules {
    /** Subschemas visited at most: a body is bounded, and this keeps a wide schema's check cheap. */
    private static final int MAX_NODES = 100_000;
    private static final JsonNode FALSE = BooleanNode.FALSE;

    private StrictSchemaRules() {}

    public static void check(JsonNode schema, String path) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(schema);
        for (int seen = 0; !todo.isEmpty() && seen < MAX_NODES; seen++) {
            JsonNode s = todo.pop();
            if (!s.isObject()) {
                continue;
            }
            checkOne(s, path);
            s.path("properties").forEach(todo::push);
            for (String key : new String[] {"$defs", "definitions"}) {
                s.path(key).forEach(todo::push);
            }
            for (String key : new String[] {"anyOf", "oneOf", "allOf", "prefixItems"}) {
                s.path(key).forEach(todo::push);
            }
            for (String key : new String[] {"items", "additionalProperties"}) {
                if (s.path(key).isObject()) {
                    todo.push(s.get(key));
                }
            }
        }
    }

    private static void checkOne(JsonNode s, String path) {
        if (is(s, "array") || s.has("items") || s.has("prefixItems")) {
            JsonNode min = s.get("minItems");
            if (min != null && !(min.canConvertToInt() && (min.asInt() == 0 || min.asInt() == 1) && min.isIntegralNumber())) {
                throw ApiException.of(ApiError.STRICT_SCHEMA_MIN_ITEMS, path);
            }
            if (s.has("maxItems")) {
                throw ApiException.of(ApiError.STRICT_SCHEMA_MAX_ITEMS, path);
            }
        }
        if (is(s, "number") && (s.has("minimum") || s.has("maximum"))) {
            throw ApiException.of(ApiError.STRICT_SCHEMA_NUMBER_RANGE, path);
        }
        if ((is(s, "object") || s.has("properties")) && !s.path("additionalProperties").equals(FALSE)) {
            throw ApiException.of(ApiError.STRICT_SCHEMA_OPEN_OBJECT, path);
        }
    }

    private static boolean is(JsonNode s, String type) {
        JsonNode t = s.get("type");
        if (t == null) {
            return false;
        }
        if (t.isTextual()) {
            return t.asText().equals(type);
        }
        for (JsonNode one : t) {
            if (one.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
