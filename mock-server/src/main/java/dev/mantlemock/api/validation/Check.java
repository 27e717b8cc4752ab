package dev.mantlemock.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorTexts;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed access to request JSON that fails in the first-party (pydantic) style:
 * {@code <path>: Input should be a valid integer}, {@code <path>: Field required}.
 */
final class Check {
    private Check() {}

    static ApiException invalid(String path, String message) {
        return ApiException.invalid(path.isEmpty() ? message : path + ": " + message);
    }

    static JsonNode required(ObjectNode obj, String field, String path) {
        JsonNode v = obj.get(field);
        if (v == null) {
            throw ApiException.invalid(String.format(ErrorTexts.FIELD_REQUIRED, join(path, field)));
        }
        return v;
    }

    static ObjectNode object(JsonNode n, String path) {
        if (!n.isObject()) {
            throw invalid(path, "Input should be a valid dictionary");
        }
        return (ObjectNode) n;
    }

    static ArrayNode array(JsonNode n, String path) {
        if (!n.isArray()) {
            throw invalid(path, "Input should be a valid list");
        }
        return (ArrayNode) n;
    }

    static String string(JsonNode n, String path) {
        if (!n.isTextual()) {
            throw invalid(path, "Input should be a valid string");
        }
        return n.textValue();
    }

    static boolean bool(JsonNode n, String path) {
        if (!n.isBoolean()) {
            throw invalid(path, "Input should be a valid boolean");
        }
        return n.booleanValue();
    }

    static long integer(JsonNode n, String path) {
        if (!n.isIntegralNumber() && !(n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
            throw invalid(path, "Input should be a valid integer");
        }
        if (!n.canConvertToLong()) {
            throw invalid(path, "Input should be a valid integer");
        }
        return n.asLong();
    }

    static double number(JsonNode n, String path) {
        if (!n.isNumber()) {
            throw invalid(path, "Input should be a valid number");
        }
        return n.asDouble();
    }

    static void atLeast(double value, double min, String path) {
        if (value < min) {
            throw invalid(path, "Input should be greater than or equal to " + fmt(min));
        }
    }

    static void atMost(double value, double max, String path) {
        if (value > max) {
            throw invalid(path, "Input should be less than or equal to " + fmt(max));
        }
    }

    static String oneOf(JsonNode n, String path, Set<String> allowed) {
        String s = string(n, path);
        if (!allowed.contains(s)) {
            throw invalid(path, "Input should be " + allowed.stream().sorted().map(a -> "'" + a + "'")
                    .collect(Collectors.joining(", ")));
        }
        return s;
    }

    /** Refuses any key not in {@code allowed}, naming the first one, as the first-party API does. */
    static void onlyFields(ObjectNode obj, String path, Set<String> allowed) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiException.invalid(String.format(ErrorTexts.EXTRA_INPUT, join(path, name)));
            }
        }
    }

    /** The tag of a discriminated union, with the first-party message when it matches no variant. */
    static String tag(ObjectNode obj, String path, Set<String> tags) {
        String type = string(required(obj, "type", path), join(path, "type"));
        if (!tags.contains(type)) {
            throw invalid(path, "Input tag '" + type + "' found using 'type' does not match any of the expected tags: "
                    + tags.stream().sorted().map(t -> "'" + t + "'").collect(Collectors.joining(", ")));
        }
        return type;
    }

    static String join(String path, Object child) {
        return path.isEmpty() ? String.valueOf(child) : path + "." + child;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
