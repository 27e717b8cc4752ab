package dev.mantlemock.answer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.Json;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a JSON value satisfies a JSON schema, with the first place it does not: what holds a tool
 * call's input to the tool's {@code input_schema}. It checks the keywords {@link SchemaSampler} honours
 * (type, const, enum, properties, required, additionalProperties, items, prefixItems, min/maxItems,
 * uniqueItems, minimum/maximum and their exclusive forms, multipleOf, min/maxLength, anyOf, oneOf,
 * allOf, $ref into the schema). Keywords it does not know (pattern, format, not, if/then) pass: a
 * value is refused only for a reason the user can read in their own schema.
 */
public final class SchemaCheck {
    /** A $ref loop deeper than this stops checking that branch (a value cannot be that deep). */
    private static final int MAX_DEPTH = 64;

    private SchemaCheck() {}

    /** The first problem, as "$.path: what is wrong", or empty when the value fits. */
    public static Optional<String> problem(JsonNode schema, JsonNode value) {
        return Optional.ofNullable(new Walk(schema).check(schema, value, "$", 0));
    }

    private record Walk(JsonNode root) {
        String check(JsonNode schema, JsonNode value, String at, int depth) {
            if (schema == null || schema.isMissingNode() || schema.isNull() || depth > MAX_DEPTH) {
                return null;
            }
            if (schema.isBoolean()) {
                return schema.asBoolean() ? null : at + ": the schema is false, no value fits";
            }
            if (!schema.isObject()) {
                return null;
            }
            if (schema.has("$ref")) {
                JsonNode target = resolve(schema.get("$ref").asText());
                String problem = target == null ? null : check(target, value, at, depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
            if (schema.has("const") && !sameJson(schema.get("const"), value)) {
                return at + ": " + Json.compact(value) + " is not the const " + Json.compact(schema.get("const"));
            }
            if (schema.path("enum").isArray() && !inEnum(schema.get("enum"), value)) {
                return at + ": " + Json.compact(value) + " is not one of " + Json.compact(schema.get("enum"));
            }
            String problem = type(schema, value, at);
            if (problem == null) {
                problem = combinations(schema, value, at, depth);
            }
            if (problem == null && value.isObject()) {
                problem = object(schema, value, at, depth);
            } else if (problem == null && value.isArray()) {
                problem = array(schema, value, at, depth);
            } else if (problem == null && value.isNumber()) {
                problem = number(schema, value, at);
            } else if (problem == null && value.isTextual()) {
                problem = string(schema, value, at);
            }
            return problem;
        }

        private String type(JsonNode schema, JsonNode value, String at) {
            JsonNode type = schema.get("type");
            if (type == null) {
                return null;
            }
            if (type.isTextual()) {
                return isType(type.asText(), value) ? null : at + ": " + kind(value) + " where the schema wants " + type.asText();
            }
            for (JsonNode t : type) {
                if (isType(t.asText(), value)) {
                    return null;
                }
            }
            return type.isArray() ? at + ": " + kind(value) + " where the schema wants one of " + Json.compact(type) : null;
        }

        private String combinations(JsonNode schema, JsonNode value, String at, int depth) {
            for (JsonNode part : schema.path("allOf")) {
                String problem = check(part, value, at, depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
            for (String choice : new String[] {"anyOf", "oneOf"}) {
                JsonNode branches = schema.path(choice);
                if (branches.isArray() && branches.size() > 0) {
                    String first = null;
                    boolean any = false;
                    for (JsonNode branch : branches) {
                        String problem = check(branch, value, at, depth + 1);
                        any |= problem == null;
                        first = first == null ? problem : first;
                    }
                    if (!any) {
                        return at + ": fits no branch of " + choice + " (" + first + ")";
                    }
                }
            }
            return null;
        }

        private String object(JsonNode schema, JsonNode value, String at, int depth) {
            JsonNode properties = schema.path("properties");
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    return at + ": the required property '" + name.asText() + "' is missing";
                }
            }
            JsonNode extra = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = at + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    String problem = check(properties.get(field.getKey()), field.getValue(), path, depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                } else if (extra != null && extra.isBoolean() && !extra.asBoolean()) {
                    return path + ": the property is not allowed (additionalProperties: false)";
                } else if (extra != null && extra.isObject()) {
                    String problem = check(extra, field.getValue(), path, depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            return null;
        }

        private String array(JsonNode schema, JsonNode value, String at, int depth) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asLong()) {
                return at + ": " + value.size() + " items, fewer than minItems " + schema.get("minItems").asLong();
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asLong()) {
                return at + ": " + value.size() + " items, more than maxItems " + schema.get("maxItems").asLong();
            }
            if (schema.path("uniqueItems").asBoolean(false)) {
                Set<JsonNode> seen = new HashSet<>();
                for (JsonNode item : value) {
                    if (!seen.add(item)) {
                        return at + ": " + Json.compact(item) + " appears twice (uniqueItems)";
                    }
                }
            }
            JsonNode prefix = schema.path("prefixItems");
            JsonNode items = schema.get("items");
            for (int i = 0; i < value.size(); i++) {
                JsonNode itemSchema = i < prefix.size() ? prefix.get(i) : items;
                String problem = check(itemSchema, value.get(i), at + "[" + i + "]", depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }

        private String number(JsonNode schema, JsonNode value, String at) {
            BigDecimal v = value.decimalValue();
            if (below(schema, "minimum", v, false) || below(schema, "exclusiveMinimum", v, true)) {
                return at + ": " + value + " is below the schema's minimum";
            }
            if (above(schema, "maximum", v, false) || above(schema, "exclusiveMaximum", v, true)) {
                return at + ": " + value + " is above the schema's maximum";
            }
            JsonNode step = schema.get("multipleOf");
            if (step != null && step.isNumber() && step.decimalValue().signum() > 0
                    && v.remainder(step.decimalValue()).signum() != 0) {
                return at + ": " + value + " is not a multiple of " + step;
            }
            return null;
        }

        private String string(JsonNode schema, JsonNode value, String at) {
            String s = value.asText();
            int length = s.codePointCount(0, s.length());
            if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
                return at + ": the string is shorter than minLength " + schema.get("minLength").asLong();
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
                return at + ": the string is longer than maxLength " + schema.get("maxLength").asLong();
            }
            return null;
        }

        private static boolean below(JsonNode schema, String keyword, BigDecimal v, boolean exclusive) {
            JsonNode limit = schema.get(keyword);
            if (limit == null || !limit.isNumber()) {
                return false;
            }
            int c = v.compareTo(limit.decimalValue());
            return exclusive ? c <= 0 : c < 0;
        }

        private static boolean above(JsonNode schema, String keyword, BigDecimal v, boolean exclusive) {
            JsonNode limit = schema.get(keyword);
            if (limit == null || !limit.isNumber()) {
                return false;
            }
            int c = v.compareTo(limit.decimalValue());
            return exclusive ? c >= 0 : c > 0;
        }

        private JsonNode resolve(String ref) {
            return SchemaSampler.resolve(root, ref);
        }
    }

    private static boolean isType(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && isWhole(value.decimalValue()));
            default -> true; // an unknown type name is the schema's problem, not the value's
        };
    }

    private static boolean isWhole(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }

    private static boolean inEnum(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (sameJson(option, value)) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality with numbers compared by value (1 equals 1.0). */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String kind(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> "a number";
            default -> "a value";
        };
    }
}
