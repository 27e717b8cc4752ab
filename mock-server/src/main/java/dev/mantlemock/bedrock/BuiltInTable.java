package dev.mantlemock.bedrock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One part of a table shipped in the jar beside this class ({@code dev/mantlemock/bedrock/*.yaml}), checked as strictly as a user's
 * config: an unknown key or a value of the wrong type fails the start, naming the table and where in it.
 * The YAML is read token by token into maps and lists: an {@code ObjectMapper} (some 400 classes with
 * its bean machinery) is not needed to start without {@code --config}.
 */
public final class BuiltInTable {
    /** The model catalogue; beside this class in the jar, as a resource name relative to it. */
    public static final String MODELS = "models.yaml";
    /** What Claude in Amazon Bedrock does not support. */
    public static final String FEATURES = "features.yaml";
    /** The latency model's parameters per model family. */
    public static final String LATENCY = "latency.yaml";

    private final String resource;
    private final String where;
    private final Object node;

    private BuiltInTable(String resource, String where, Object node) {
        this.resource = resource;
        this.where = where;
        this.node = node;
    }

    /** The whole table ({@link #MODELS}, {@link #FEATURES}, or an absolute resource path); only the {@code keys} named may appear at its top level. */
    public static BuiltInTable read(String resource, String... keys) {
        return new BuiltInTable(resource, "the top level", PARSED.computeIfAbsent(resource, BuiltInTable::parse)).withOnly(keys);
    }

    /**
     * Each table parsed once per JVM: it is in the jar and cannot change, and a test suite that starts many
     * mocks (the test kit) would otherwise parse the YAML at every start, a tenth of a warm start.
     */
    private static final java.util.Map<String, Object> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Object parse(String resource) {
        try (InputStream in = BuiltInTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in table " + resource + " is missing from the jar");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in table " + resource + " unreadable", e);
        }
    }

    private static Object parse(InputStream in) throws IOException {
        JsonParser yaml = new YAMLFactory().createParser(in);
        yaml.nextToken();
        return value(yaml);
    }

    /**
     * A table of the same form as a built-in one from a file a user gives (a latency table fitted to their
     * account), read as strictly; not cached, since the file may change between starts.
     */
    public static BuiltInTable readFile(java.nio.file.Path file, String... keys) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return new BuiltInTable(file.toString(), "the top level", parse(in)).withOnly(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("table " + file + " unreadable: " + e.getMessage(), e);
        }
    }

    /** The rows of a list of mappings; each row may hold only the {@code keys} named. */
    public List<BuiltInTable> rows(String key, String... keys) {
        List<BuiltInTable> rows = new ArrayList<>();
        List<?> list = list(key);
        for (int i = 0; i < list.size(); i++) {
            rows.add(new BuiltInTable(resource, key + "[" + i + "]", list.get(i)).withOnly(keys));
        }
        return rows;
    }

    /** One mapping under {@code key}, which may hold only the {@code keys} named. */
    public BuiltInTable section(String key, String... keys) {
        return new BuiltInTable(resource, key, map().get(key)).withOnly(keys);
    }

    /** Fails, naming the first one, when a key listed is absent. */
    public void require(List<String> keys) {
        for (String key : keys) {
            if (!map().containsKey(key)) {
                throw new IllegalStateException("built-in table " + resource + ": '" + key + "' is required at " + where);
            }
        }
    }

    /** A list of strings; an absent key is an empty list. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object item : list(key)) {
            if (!(item instanceof String text)) {
                throw wrong(key, "a list of strings");
            }
            out.add(text);
        }
        return List.copyOf(out);
    }

    /** A list of strings, or null when the key is absent (where absent means "all"). */
    public List<String> stringsOrNull(String key) {
        return map().containsKey(key) ? strings(key) : null;
    }

    public String text(String key) {
        if (!(map().get(key) instanceof String text)) {
            throw wrong(key, "a string");
        }
        return text;
    }

    public String textOrNull(String key) {
        return map().containsKey(key) ? text(key) : null;
    }

    public Integer integerOrNull(String key) {
        return map().containsKey(key) ? integer(key, 0) : null;
    }

    public Double decimalOrNull(String key) {
        return map().containsKey(key) ? decimal(key, 0) : null;
    }

    public Boolean boolOrNull(String key) {
        Object value = map().get(key);
        if (value != null && !(value instanceof Boolean)) {
            throw wrong(key, "true or false");
        }
        return (Boolean) value;
    }

    public int integer(String key, int absent) {
        Object value = map().get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Integer number)) {
            throw wrong(key, "a whole number up to 2147483647");
        }
        return number;
    }

    public double decimal(String key, double absent) {
        Object value = map().get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Number number)) {
            throw wrong(key, "a number");
        }
        return number.doubleValue();
    }

    private BuiltInTable withOnly(String... keys) {
        if (!(node instanceof Map)) {
            throw new IllegalStateException("built-in table " + resource + ": " + where + " must be a mapping");
        }
        Set<String> allowed = Set.of(keys);
        for (String name : map().keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalStateException("built-in table " + resource + ": unknown key '" + name + "' at " + where);
            }
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map() {
        return (Map<String, Object>) node;
    }

    private List<?> list(String key) {
        Object value = map().get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrong(key, "a list");
        }
        return list;
    }

    /** The value at the parser's current token: a map, a list, a string, a number, a boolean or null. */
    private static Object value(JsonParser yaml) throws IOException {
        JsonToken token = yaml.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (yaml.nextToken() == JsonToken.FIELD_NAME) {
                String name = yaml.currentName();
                yaml.nextToken();
                map.put(name, value(yaml));
            }
            return java.util.Collections.unmodifiableMap(map); // shared by every mock of the JVM
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while (yaml.nextToken() != JsonToken.END_ARRAY) {
                list.add(value(yaml));
            }
            return java.util.Collections.unmodifiableList(list);
        }
        if (token == null) {
            return Map.of(); // an empty document
        }
        return switch (token) {
            case VALUE_STRING -> yaml.getText();
            case VALUE_NUMBER_INT -> yaml.getNumberValue();
            case VALUE_NUMBER_FLOAT -> yaml.getDoubleValue();
            case VALUE_TRUE, VALUE_FALSE -> yaml.getBooleanValue();
            default -> null;
        };
    }

    private IllegalStateException wrong(String key, String expected) {
        return new IllegalStateException("built-in table " + resource + ": '" + key + "' at " + where + " must be " + expected);
    }
}
