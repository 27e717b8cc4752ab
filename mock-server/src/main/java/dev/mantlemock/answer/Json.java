package dev.mantlemock.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The one mapper and node factory of this package, plus a stable (key-sorted) serialization for hashing. */
final class Json {
    static final ObjectMapper MAPPER = dev.mantlemock.api.Json.MAPPER;
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode object() { return NODES.objectNode(); }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON with object keys sorted at every level, so equal content always hashes equally. */
    static String canonical(JsonNode node) {
        return compact(sorted(node));
    }

    /** A copy without {@code cache_control}: a breakpoint marks the prompt, it is not part of it. */
    static JsonNode withoutCacheControl(JsonNode node) {
        if (node.isObject() && node.has("cache_control")) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.remove("cache_control");
            return copy;
        }
        return node;
    }

    static long sha256Long(String text) {
        byte[] digest = sha256(text);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return value;
    }

    static byte[] sha256(String text) {
        return sha256Digest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = NODES.objectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }
}
