package dev.mantlemock.answer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** A test-only JSON-schema checker for the keywords the sampler claims to honour. Lists violations by path. */
final class SchemaConformance {
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern URI = Pattern.compile("[a-z][a-z0-9+.-]*:[^\\s]+");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final JsonNode root;
    private final List<String> violations = new ArrayList<>();

    private SchemaConformance(JsonNode root) {
        this.root = root;
    }

    static List<String> violations(JsonNode schema, JsonNode value) {
        SchemaConformance c = new SchemaConformance(schema);
        c.check(schema, value, "$");
        return c.violations;
    }

    private void check(JsonNode s, JsonNode v, String at) {
        if (s.has("$ref")) {
            JsonNode target = root;
            String ref = s.get("$ref").asText();
            if (!ref.equals("#")) {
                for (String t : ref.substring(2).split("/")) {
                    target = target.path(t);
                }
            }
            check(target, v, at);
            return;
        }
        if (s.has("const") && !s.get("const").equals(v)) {
            fail(at, "not the const " + s.get("const"));
        }
        if (s.has("enum")) {
            boolean found = false;
            for (JsonNode option : s.get("enum")) {
                found |= option.equals(v);
            }
            if (!found) {
                fail(at, v + " not in enum " + s.get("enum"));
            }
        }
        if (s.has("anyOf") && s.get("anyOf").size() > 0 && matching(s.get("anyOf"), v) == 0) {
            fail(at, "matches no anyOf branch");
        }
        if (s.has("oneOf") && s.get("oneOf").size() > 0 && matching(s.get("oneOf"), v) != 1) {
            fail(at, "matches " + matching(s.get("oneOf"), v) + " oneOf branches");
        }
        for (JsonNode part : s.path("allOf")) {
            check(part, v, at);
        }
        if (s.has("type") && !typeMatches(s.get("type"), v)) {
            fail(at, v.getNodeType() + " is not " + s.get("type"));
            return;
        }
        if (v.isObject()) {
            s.path("required").forEach(r -> {
                if (!v.has(r.asText())) {
                    fail(at, "missing required " + r.asText());
                }
            });
            v.fieldNames().forEachRemaining(name -> {
                JsonNode ps = s.path("properties").get(name);
                if (ps != null) {
                    check(ps, v.get(name), at + "." + name);
                } else if (s.path("additionalProperties").isBoolean() && !s.get("additionalProperties").asBoolean()) {
                    fail(at, "unexpected property " + name);
                }
            });
        }
        if (v.isArray()) {
            if (s.has("minItems") && v.size() < s.get("minItems").asInt()) {
                fail(at, "fewer than minItems");
            }
            if (s.has("maxItems") && v.size() > s.get("maxItems").asInt()) {
                fail(at, "more than maxItems");
            }
            if (s.path("uniqueItems").asBoolean(false) && new HashSet<>(toList(v)).size() != v.size()) {
                fail(at, "items not unique");
            }
            for (int i = 0; i < v.size(); i++) {
                JsonNode is = i < s.path("prefixItems").size() ? s.get("prefixItems").get(i) : s.get("items");
                if (is != null) {
                    check(is, v.get(i), at + "[" + i + "]");
                }
            }
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            if (s.has("minimum") && d < s.get("minimum").asDouble()) fail(at, d + " < minimum");
            if (s.has("maximum") && d > s.get("maximum").asDouble()) fail(at, d + " > maximum");
            if (s.path("exclusiveMinimum").isNumber() && d <= s.get("exclusiveMinimum").asDouble()) fail(at, d + " <= exclusiveMinimum");
            if (s.path("exclusiveMaximum").isNumber() && d >= s.get("exclusiveMaximum").asDouble()) fail(at, d + " >= exclusiveMaximum");
            if (s.has("multipleOf") && Math.abs(d % s.get("multipleOf").asDouble()) > 1e-9) fail(at, d + " not a multiple");
        }
        if (v.isTextual()) {
            String t = v.asText();
            int length = t.codePointCount(0, t.length());
            if (s.has("minLength") && length < s.get("minLength").asInt()) fail(at, "shorter than minLength");
            if (s.has("maxLength") && length > s.get("maxLength").asInt()) fail(at, "longer than maxLength");
            Pattern format = switch (s.path("format").asText("")) {
                case "date-time" -> DATE_TIME;
                case "email" -> EMAIL;
                case "uri" -> URI;
                case "uuid" -> UUID;
                default -> null;
            };
            if (format != null && !format.matcher(t).matches()) fail(at, t + " is not a " + s.get("format").asText());
        }
    }

    private int matching(JsonNode branches, JsonNode v) {
        int n = 0;
        for (JsonNode b : branches) {
            n += violations(rooted(b), v).isEmpty() ? 1 : 0;
        }
        return n;
    }

    /** A branch checked on its own still resolves $refs against the whole schema. */
    private JsonNode rooted(JsonNode branch) {
        if (!branch.isObject() || !root.isObject()) {
            return branch;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) branch).deepCopy();
        for (String defs : new String[] {"$defs", "definitions"}) {
            if (root.has(defs) && !copy.has(defs)) {
                copy.set(defs, root.get(defs));
            }
        }
        return copy;
    }

    private static boolean typeMatches(JsonNode type, JsonNode v) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, v)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> true;
        };
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private void fail(String at, String what) {
        violations.add(at + ": " + what);
    }
}
