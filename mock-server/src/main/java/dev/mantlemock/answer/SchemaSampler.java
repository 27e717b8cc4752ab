package dev.mantlemock.answer;

import dev.mantlemock.domain.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a JSON value that satisfies a JSON schema: the tool inputs and structured outputs the mock
 * "model" produces. Supports type (also as a list), const, enum, properties/required, items and
 * prefixItems, min/maxItems, uniqueItems (best effort), minimum/maximum (also exclusive), multipleOf
 * for integers, min/maxLength, string formats, anyOf/oneOf (first branch), allOf (merged), and
 * $ref into $defs/definitions. Unsupported keywords (pattern, not, if/then) are ignored rather
 * than failing: an odd schema gets a plausible value, never an exception.
 */
public final class SchemaSampler {
    /** Beyond this depth only required properties and minimum array lengths are drawn, so recursive schemas end. */
    private static final int SHALLOW_DEPTH = 4;
    /** Beyond this depth a recursive $ref yields null: the schema cannot be satisfied finitely anyway. */
    private static final int MAX_DEPTH = 16;
    /** After this many values, recursion stops at the next $ref, so wide recursive schemas cannot explode. */
    private static final int MAX_VALUES = 5_000;
    /** Caps on absurd minimums (minItems, minLength): a plausible value beats a hung server. */
    private static final int MAX_ITEMS = 1_000;
    private static final int MAX_STRING = 10_000;
    /**
     * The hard cap on one value's size, in characters of JSON, whatever max_tokens allows: nested
     * arrays of 1,000 items each would otherwise ask for 10^9 values from a 400-byte request.
     */
    static final int MAX_CHARS = 1_000_000;

    /** A value at most about {@link #MAX_CHARS} long. */
    public JsonNode sample(JsonNode schema, SplittableRandom rnd) {
        return sample(schema, rnd, MAX_CHARS);
    }

    /**
     * A value for the schema, drawn until about {@code maxChars} characters of JSON have been made (and
     * never more than {@link #MAX_CHARS}). Past the budget the value stops growing: it is then longer
     * than the answer may be, so the answer is cut at max_tokens, as a real model's would be.
     */
    public JsonNode sample(JsonNode schema, SplittableRandom rnd, long maxChars) {
        return new Draw(schema, rnd, Math.min(maxChars, MAX_CHARS)).value(schema, 0);
    }

    /** What a {@code $ref} inside the schema ({@code #} or {@code #/...}) points at, or null (an outside or dangling one). */
    static JsonNode resolve(JsonNode root, String ref) {
        if (ref.equals("#")) {
            return root;
        }
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode node = root;
        for (String token : ref.substring(2).split("/")) {
            node = node.path(token.replace("~1", "/").replace("~0", "~"));
        }
        return node.isMissingNode() ? null : node;
    }

    private static final class Draw {
        private final JsonNode root;
        private final SplittableRandom rnd;
        private final long budget;
        private int drawn;
        /** Characters of JSON made so far, counted low (a value, its separator, a name), so exceeding the budget means the JSON does. */
        private long made;
        private final Map<JsonNode, Integer> lengths = new IdentityHashMap<>();

        Draw(JsonNode root, SplittableRandom rnd, long budget) {
            this.root = root;
            this.rnd = rnd;
            this.budget = budget;
        }

        boolean spent() {
            return made > budget;
        }

        JsonNode value(JsonNode schema, int depth) {
            drawn++;
            made += 2;
            if (spent() || (drawn > MAX_VALUES && schema != null && schema.has("$ref"))) {
                return NullNode.getInstance();
            }
            if (schema == null || schema.isMissingNode() || schema.isNull() || depth > MAX_DEPTH) {
                return depth > MAX_DEPTH ? NullNode.getInstance() : Json.NODES.textNode(Words.any(rnd));
            }
            if (schema.isBoolean()) { // true accepts anything; false accepts nothing, null is the least wrong
                return schema.asBoolean() ? Json.NODES.textNode(Words.any(rnd)) : NullNode.getInstance();
            }
            if (schema.has("$ref")) {
                JsonNode target = resolve(schema.get("$ref").asText());
                return target == null ? Json.NODES.textNode(Words.any(rnd)) : value(target, depth + 1);
            }
            if (schema.has("const")) {
                return given(schema.get("const"));
            }
            if (schema.path("enum").isArray() && schema.get("enum").size() > 0) {
                JsonNode options = schema.get("enum");
                return given(options.get(rnd.nextInt(options.size())));
            }
            for (String choice : new String[] {"anyOf", "oneOf"}) {
                if (schema.path(choice).isArray() && schema.get(choice).size() > 0) {
                    return value(schema.get(choice).get(0), depth + 1);
                }
            }
            if (schema.path("allOf").isArray() && schema.get("allOf").size() > 0) {
                return value(mergeAllOf(schema), depth + 1);
            }
            switch (type(schema)) {
                case "object": return object(schema, depth);
                case "array": return array(schema, depth);
                case "integer": return Json.NODES.numberNode(integer(schema));
                case "number": return Json.NODES.numberNode(number(schema));
                case "boolean": return Json.NODES.booleanNode(rnd.nextBoolean());
                case "null": return NullNode.getInstance();
                default: return Json.NODES.textNode(string(schema));
            }
        }

        /** A value the schema spells out (const, enum): shared, not copied, and charged its full length once per use. */
        private JsonNode given(JsonNode node) {
            if (node.isContainerNode()) {
                made += lengths.computeIfAbsent(node, n -> Json.compact(n).length());
            } else {
                made += node.isTextual() ? node.asText().length() : 4;
            }
            return node;
        }

        /** The declared type, the first non-null one of a list, or one implied by the keywords present. */
        private String type(JsonNode schema) {
            JsonNode type = schema.get("type");
            if (type != null && type.isTextual()) {
                return type.asText();
            }
            if (type != null && type.isArray() && type.size() > 0) {
                for (JsonNode t : type) {
                    if (!t.asText().equals("null")) {
                        return t.asText();
                    }
                }
                return "null";
            }
            if (schema.has("properties") || schema.has("required") || schema.has("additionalProperties")) {
                return "object";
            }
            if (schema.has("items") || schema.has("prefixItems")) {
                return "array";
            }
            if (schema.has("minimum") || schema.has("maximum")) {
                return "number";
            }
            return "string";
        }

        private JsonNode resolve(String ref) {
            return SchemaSampler.resolve(root, ref);
        }

        private JsonNode mergeAllOf(JsonNode schema) {
            ObjectNode merged = Json.object();
            merged.setAll((ObjectNode) schema); // shallow: the parts are read, never changed
            merged.remove("allOf");
            ObjectNode properties = Json.object();
            ArrayNode required = Json.NODES.arrayNode();
            for (JsonNode part : schema.get("allOf")) {
                JsonNode p = part.has("$ref") ? resolve(part.get("$ref").asText()) : part;
                if (p == null || !p.isObject()) {
                    continue;
                }
                p.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("properties") && !e.getKey().equals("required") && !merged.has(e.getKey())) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
                if (p.path("properties").isObject()) {
                    properties.setAll((ObjectNode) p.get("properties"));
                }
                p.path("required").forEach(required::add);
            }
            if (schema.path("properties").isObject()) {
                properties.setAll((ObjectNode) schema.get("properties"));
            }
            schema.path("required").forEach(required::add);
            if (properties.size() > 0) {
                merged.set("properties", properties);
            }
            if (required.size() > 0) {
                merged.set("required", required);
            }
            made += merged.size() + properties.size() + required.size(); // merging is work too
            return merged;
        }

        private JsonNode object(JsonNode schema, int depth) {
            ObjectNode out = Json.object();
            JsonNode properties = schema.path("properties");
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                // A property whose schema is false may not be present at all: an optional one is left out.
                boolean forbidden = properties.get(name).isBoolean() && !properties.get(name).booleanValue();
                boolean include = required.contains(name) || (!forbidden && depth < SHALLOW_DEPTH && rnd.nextInt(3) > 0);
                if (include && !spent()) {
                    made += name.length() + 3;
                    out.set(name, value(properties.get(name), depth + 1));
                }
            }
            // Required names without a declared schema still have to be present.
            for (String name : required) {
                if (!out.has(name) && !spent()) {
                    made += name.length() + 3;
                    JsonNode extra = schema.path("additionalProperties");
                    out.set(name, value(extra.isObject() ? extra : null, depth + 1));
                }
            }
            return out;
        }

        private JsonNode array(JsonNode schema, int depth) {
            ArrayNode out = Json.NODES.arrayNode();
            JsonNode prefix = schema.path("prefixItems");
            int min = Math.min(MAX_ITEMS, schema.path("minItems").asInt(0));
            int max = Math.min(MAX_ITEMS, schema.has("maxItems") ? schema.get("maxItems").asInt() : Math.max(min, prefix.size()) + 3);
            int count = depth >= SHALLOW_DEPTH ? min : between(Math.max(min, Math.min(1, max)), max);
            java.util.Set<JsonNode> seen = schema.path("uniqueItems").asBoolean(false) ? new java.util.HashSet<>() : null;
            JsonNode items = schema.get("items");
            for (int i = 0, attempts = 0; out.size() < count && attempts < count * 10 && !spent(); attempts++) {
                JsonNode itemSchema = i < prefix.size() ? prefix.get(i) : items;
                JsonNode item = value(itemSchema != null && itemSchema.isObject() ? itemSchema : null, depth + 1);
                if (seen != null && !seen.add(item)) {
                    continue;
                }
                out.add(item);
                i++;
            }
            return out;
        }

        private long integer(JsonNode schema) {
            long min = schema.has("minimum") ? (long) Math.ceil(schema.get("minimum").asDouble()) : 0;
            long max = schema.has("maximum") ? (long) Math.floor(schema.get("maximum").asDouble()) : min + 100;
            if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) {
                min = Math.max(min, (long) Math.floor(schema.get("exclusiveMinimum").asDouble()) + 1);
            }
            if (schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()) {
                max = Math.min(max, (long) Math.ceil(schema.get("exclusiveMaximum").asDouble()) - 1);
            }
            if (!schema.has("maximum") && !schema.has("exclusiveMaximum")) {
                max = min + 100;
            }
            if (!schema.has("minimum") && !schema.has("exclusiveMinimum") && max < min) {
                min = max - 100;
            }
            // nextLong(origin, bound) copes with ranges wider than Long.MAX_VALUE.
            long value = max <= min ? min : max == Long.MAX_VALUE ? rnd.nextLong(min, max) : rnd.nextLong(min, max + 1);
            long step = schema.path("multipleOf").asLong(0);
            if (step > 0) {
                long multiple = Math.floorDiv(value, step) * step;
                value = multiple >= min ? multiple : multiple + step;
            }
            return value;
        }

        private BigDecimal number(JsonNode schema) {
            double min = schema.path("minimum").asDouble(schema.path("exclusiveMinimum").asDouble(0));
            double max = schema.has("maximum") || schema.has("exclusiveMaximum")
                    ? schema.path("maximum").asDouble(schema.path("exclusiveMaximum").asDouble()) : min + 100;
            if (!schema.has("minimum") && !schema.has("exclusiveMinimum") && max < min) {
                min = max - 100;
            }
            // Stay strictly inside the bounds so exclusive limits hold too; two decimals read well.
            double fraction = 0.05 + 0.9 * rnd.nextDouble();
            double candidate = min + (max - min) * fraction;
            if (!Double.isFinite(candidate)) { // ranges near ±Double.MAX_VALUE overflow the subtraction
                candidate = min * (1 - fraction) + max * fraction;
            }
            if (!Double.isFinite(candidate) || max < min) {
                return BigDecimal.valueOf(Double.isFinite(min) ? min : 0);
            }
            BigDecimal value = BigDecimal.valueOf(candidate).setScale(2, RoundingMode.HALF_UP);
            if (value.doubleValue() < min || value.doubleValue() > max) {
                value = BigDecimal.valueOf(candidate);
            }
            return value;
        }

        private String string(JsonNode schema) {
            String format = schema.path("format").asText("");
            String value;
            switch (format) {
                case "date-time": value = String.format("2026-%02d-%02dT%02d:%02d:00Z", between(1, 12), between(1, 28), between(0, 23), between(0, 59)); break;
                case "date": value = String.format("2026-%02d-%02d", between(1, 12), between(1, 28)); break;
                case "time": value = String.format("%02d:%02d:00", between(0, 23), between(0, 59)); break;
                case "email": value = Words.any(rnd) + "." + Words.any(rnd) + "@example.com"; break;
                case "uri": case "url": value = "https://example.com/" + Words.any(rnd) + "/" + Words.any(rnd); break;
                case "hostname": value = Words.any(rnd) + ".example.com"; break;
                case "ipv4": value = "192.0.2." + between(1, 254); break;
                case "ipv6": value = "2001:db8::" + Integer.toHexString(between(1, 0xfffe)); break;
                case "uuid": value = uuid(); break;
                default: value = Words.phrase(rnd, between(1, 4));
            }
            int minLength = Math.min(MAX_STRING, schema.path("minLength").asInt(0));
            int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
            StringBuilder s = new StringBuilder(value);
            int points = s.codePointCount(0, s.length());
            while (points < minLength) {
                String word = (s.length() == 0 ? "" : " ") + Words.any(rnd);
                s.append(word);
                points += word.codePointCount(0, word.length());
            }
            String out = s.toString();
            if (points > maxLength) {
                out = out.substring(0, out.offsetByCodePoints(0, Math.max(0, maxLength)));
            }
            made += out.length();
            return out;
        }

        private String uuid() {
            String hex = Long.toHexString(rnd.nextLong() | Long.MIN_VALUE) + Long.toHexString(rnd.nextLong() | Long.MIN_VALUE);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-a"
                    + hex.substring(17, 20) + "-" + hex.substring(20, 32);
        }

        private int between(int min, int max) {
            return max <= min ? min : min + rnd.nextInt(max - min + 1);
        }
    }
}
