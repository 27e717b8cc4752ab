package dev.mantlemock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random tool input schemas a user could write, each satisfiable: objects with properties, required
 * names and {@code additionalProperties: false}; strings with enum, formats and lengths; integers with
 * bounds and multipleOf; numbers with bounds; booleans, nulls, type lists, arrays with item counts,
 * nested objects, anyOf and $ref into $defs. {@link #simpler} gives the one-step simplifications a
 * shrinker tries.
 */
public final class RandomSchemas {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] NAMES = {"city", "unit", "days", "query", "limit", "tags", "options", "when", "id", "score"};
    private static final String[] FORMATS = {"date-time", "date", "email", "uri", "uuid", "ipv4"};

    private RandomSchemas() {}

    /** An object schema, the root of a tool's {@code input_schema}. */
    public static ObjectNode inputSchema(SplittableRandom rnd) {
        ObjectNode root = object(rnd, 0);
        if (rnd.nextInt(6) == 0) { // a $ref into $defs
            ObjectNode defs = root.putObject("$defs");
            defs.set("place", object(rnd, 2));
            ((ObjectNode) root.get("properties")).putObject("place").put("$ref", "#/$defs/place");
        }
        return root;
    }

    private static ObjectNode object(SplittableRandom rnd, int depth) {
        ObjectNode schema = F.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        int n = rnd.nextInt(depth == 0 ? 5 : 3);
        ArrayNode required = F.arrayNode();
        for (int i = 0; i < n; i++) {
            String name = NAMES[rnd.nextInt(NAMES.length)] + (depth == 0 ? "" : "_" + depth);
            if (properties.has(name)) {
                continue;
            }
            properties.set(name, value(rnd, depth + 1));
            if (rnd.nextBoolean()) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        if (rnd.nextInt(3) == 0) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    private static ObjectNode value(SplittableRandom rnd, int depth) {
        int kind = rnd.nextInt(depth >= 3 ? 6 : 10);
        ObjectNode s = F.objectNode();
        switch (kind) {
            case 0 -> {
                s.put("type", "string");
                ArrayNode options = s.putArray("enum");
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    options.add(new String[] {"c", "f", "celsius", "kelvin", "low", "high"}[rnd.nextInt(6)] + i);
                }
            }
            case 1 -> {
                s.put("type", "string");
                int min = rnd.nextInt(8);
                if (rnd.nextBoolean()) {
                    s.put("minLength", min);
                }
                if (rnd.nextBoolean()) {
                    s.put("maxLength", min + rnd.nextInt(20));
                }
            }
            case 2 -> s.put("type", "string").put("format", FORMATS[rnd.nextInt(FORMATS.length)]);
            case 3 -> {
                s.put("type", "integer");
                long min = rnd.nextInt(200) - 100;
                int step = 1 + rnd.nextInt(7);
                if (rnd.nextBoolean()) {
                    s.put("minimum", min);
                }
                if (rnd.nextBoolean()) {
                    s.put("maximum", min + step + rnd.nextInt(100));
                }
                if (rnd.nextInt(3) == 0) {
                    s.put("multipleOf", step);
                }
            }
            case 4 -> {
                s.put("type", "number");
                double min = rnd.nextInt(100) - 50 + 0.5;
                if (rnd.nextBoolean()) {
                    s.put("minimum", min);
                }
                if (rnd.nextBoolean()) {
                    s.put("maximum", min + 1 + rnd.nextInt(50));
                }
            }
            case 5 -> s.set("type", rnd.nextBoolean() ? F.textNode("boolean") : F.arrayNode().add("string").add("null"));
            case 6, 7 -> {
                s.put("type", "array");
                int min = rnd.nextInt(3);
                if (rnd.nextBoolean()) {
                    s.put("minItems", min);
                }
                if (rnd.nextBoolean()) {
                    s.put("maxItems", min + rnd.nextInt(4));
                }
                s.set("items", value(rnd, depth + 1));
            }
            case 8 -> {
                return object(rnd, depth);
            }
            default -> {
                ArrayNode any = s.putArray("anyOf");
                any.add(value(rnd, depth + 1));
                any.add(F.objectNode().put("type", "null"));
            }
        }
        return s;
    }

    /**
     * One-step simplifications: each property removed, the required list dropped, additionalProperties
     * dropped, $defs dropped with their use, and each nested property schema simplified in turn.
     */
    public static List<JsonNode> simpler(JsonNode schema) {
        List<JsonNode> out = new ArrayList<>();
        if (!schema.isObject()) {
            return out;
        }
        for (String key : new String[] {"required", "additionalProperties", "minItems", "maxItems", "minimum", "maximum",
            "multipleOf", "minLength", "maxLength", "format"}) {
            if (schema.has(key)) {
                ObjectNode copy = schema.deepCopy();
                copy.remove(key);
                out.add(copy);
            }
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            ObjectNode copy = schema.deepCopy();
            ((ObjectNode) copy.get("properties")).remove(name);
            if (copy.get("required") instanceof ArrayNode required) { // a required name without a schema may be anything
                for (int i = required.size() - 1; i >= 0; i--) {
                    if (required.get(i).asText().equals(name)) {
                        required.remove(i);
                    }
                }
            }
            out.add(copy);
            for (JsonNode smaller : simpler(properties.get(name))) {
                ObjectNode nested = schema.deepCopy();
                ((ObjectNode) nested.get("properties")).set(name, smaller);
                out.add(nested);
            }
        }
        if (schema.has("items")) {
            for (JsonNode smaller : simpler(schema.get("items"))) {
                out.add(((ObjectNode) schema.deepCopy()).set("items", smaller));
            }
        }
        return out;
    }
}
