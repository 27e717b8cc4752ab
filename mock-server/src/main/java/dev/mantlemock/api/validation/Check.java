package dev.mantlemock.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed access to request JSON that fails in the first-party (pydantic) style:
 * {@code <path>: Input should be a valid integer}, {@code <path>: Field required}.
 */
final class Check {
    private Check() {}

    /** An error about the field at {@code path}: the catalogue's path-first entries take it as their first argument. */
    static ApiException at(String path, ApiError error, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = path;
        System.arraycopy(more, 0, args, 1, more.length);
        return ApiException.of(error, args);
    }

    static JsonNode required(ObjectNode obj, String field, String path) {
        JsonNode v = obj.get(field);
        if (v == null) {
            throw at(join(path, field), ApiError.FIELD_REQUIRED);
        }
        return v;
    }

    static ObjectNode object(JsonNode n, String path) {
        if (!n.isObject()) {
            throw at(path, ApiError.WRONG_TYPE, "dictionary");
        }
        return (ObjectNode) n;
    }

    static ArrayNode array(JsonNode n, String path) {
        if (!n.isArray()) {
            throw at(path, ApiError.WRONG_TYPE, "list");
        }
        return (ArrayNode) n;
    }

    static String string(JsonNode n, String path) {
        if (!n.isTextual()) {
            throw at(path, ApiError.WRONG_TYPE, "string");
        }
        return n.textValue();
    }

    static boolean bool(JsonNode n, String path) {
        if (!n.isBoolean()) {
            throw at(path, ApiError.WRONG_TYPE, "boolean");
        }
        return n.booleanValue();
    }

    static long integer(JsonNode n, String path) {
        if (!n.isIntegralNumber() && !(n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
            throw at(path, ApiError.WRONG_TYPE, "integer");
        }
        if (!n.canConvertToLong()) {
            throw at(path, ApiError.WRONG_TYPE, "integer");
        }
        return n.asLong();
    }

    static double number(JsonNode n, String path) {
        if (!n.isNumber()) {
            throw at(path, ApiError.WRONG_TYPE, "number");
        }
        return n.asDouble();
    }

    static void atLeast(double value, double min, String path) {
        if (value < min) {
            throw at(path, ApiError.BELOW_MINIMUM, fmt(min));
        }
    }

    static void atMost(double value, double max, String path) {
        if (value > max) {
            throw at(path, ApiError.ABOVE_MAXIMUM, fmt(max));
        }
    }

    static String oneOf(JsonNode n, String path, Set<String> allowed) {
        String s = string(n, path);
        if (!allowed.contains(s)) {
            throw at(path, ApiError.NOT_ONE_OF, quoted(allowed));
        }
        return s;
    }

    /** Refuses any key not in {@code allowed}, naming the first one, as the first-party API does. */
    static void onlyFields(ObjectNode obj, String path, Set<String> allowed) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw at(join(path, name), ApiError.EXTRA_INPUT);
            }
        }
    }

    /** The tag of a discriminated union, with the first-party message when it matches no variant. */
    static String tag(ObjectNode obj, String path, Set<String> tags) {
        String type = string(required(obj, "type", path), join(path, "type"));
        if (!tags.contains(type)) {
            throw at(path, ApiError.UNKNOWN_TAG, type, quoted(tags));
        }
        return type;
    }

    static String join(String path, Object child) {
        return path.isEmpty() ? String.valueOf(child) : path + "." + child;
    }

    /** {@code 'a', 'b'}: allowed values as pydantic lists them, sorted. */
    static String quoted(Set<String> values) {
        return values.stream().sorted().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
