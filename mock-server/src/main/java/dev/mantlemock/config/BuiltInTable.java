package dev.mantlemock.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mantlemock.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One part of a table shipped in the jar ({@code bedrock/*.yaml}), read as a YAML tree and checked as
 * strictly as a user's config: an unknown key or a value of the wrong type fails the start, naming the
 * table and where in it. A tree rather than bound beans keeps Jackson's bean machinery (some 150
 * classes) out of a start without {@code --config}.
 */
public final class BuiltInTable {
    private final String resource;
    private final String where;
    private final JsonNode node;

    private BuiltInTable(String resource, String where, JsonNode node) {
        this.resource = resource;
        this.where = where;
        this.node = node;
    }

    /** The whole table; only the {@code keys} named may appear at its top level. */
    public static BuiltInTable read(String resource, String... keys) {
        try (InputStream in = BuiltInTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in table " + resource + " is missing from the jar");
            }
            JsonParser yaml = new YAMLFactory().createParser(in);
            return new BuiltInTable(resource, "the top level", Json.MAPPER.readTree(yaml)).withOnly(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in table " + resource + " unreadable", e);
        }
    }

    /** The rows of a list of mappings; each row may hold only the {@code keys} named. */
    public List<BuiltInTable> rows(String key, String... keys) {
        List<BuiltInTable> rows = new ArrayList<>();
        JsonNode list = list(key);
        for (int i = 0; i < list.size(); i++) {
            rows.add(new BuiltInTable(resource, key + "[" + i + "]", list.get(i)).withOnly(keys));
        }
        return rows;
    }

    /** A list of strings; an absent key is an empty list. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(key)) {
            if (!item.isTextual()) {
                throw wrong(key, "a list of strings");
            }
            out.add(item.textValue());
        }
        return List.copyOf(out);
    }

    /** A list of strings, or null when the key is absent (where absent means "all"). */
    public List<String> stringsOrNull(String key) {
        return node.has(key) ? strings(key) : null;
    }

    public String text(String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw wrong(key, "a string");
        }
        return value.textValue();
    }

    public int integer(String key, int absent) {
        JsonNode value = node.get(key);
        if (value == null) {
            return absent;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw wrong(key, "a whole number");
        }
        return value.intValue();
    }

    public double decimal(String key, double absent) {
        JsonNode value = node.get(key);
        if (value == null) {
            return absent;
        }
        if (!value.isNumber()) {
            throw wrong(key, "a number");
        }
        return value.doubleValue();
    }

    private BuiltInTable withOnly(String... keys) {
        if (!node.isObject()) {
            throw new IllegalStateException("built-in table " + resource + ": " + where + " must be a mapping");
        }
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalStateException("built-in table " + resource + ": unknown key '" + name + "' at " + where);
            }
        }
        return this;
    }

    private JsonNode list(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Json.MAPPER.createArrayNode();
        }
        if (!value.isArray()) {
            throw wrong(key, "a list");
        }
        return value;
    }

    private IllegalStateException wrong(String key, String expected) {
        return new IllegalStateException("built-in table " + resource + ": '" + key + "' at " + where + " must be " + expected);
    }
}
