package dev.mantlemock.domain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper, and stable (key-sorted) serialization for hashing: request bodies are bounded in nesting so hostile input cannot exhaust the stack. */
public final class Json {
    /** Deeper than any real request; deeper bodies are refused with a 400 rather than parsed. */
    public static final int MAX_NESTING = 256;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            // No string limit of its own: the body limit (32 MB by default) bounds every string, and a long
            // prompt must reach the token check ("prompt is too long"), not Jackson's 20 MB refusal.
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                    .maxStringLength(Integer.MAX_VALUE).build())
            // an emoji goes out as its UTF-8 bytes, not as two escaped surrogates: as deltas are framed by hand
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Node factory for answers built by hand. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() { return NODES.objectNode(); }

    /**
     * Why a body is not JSON, in the body's terms. Jackson's own text names its classes and switches
     * ({@code StreamReadConstraints.getMaxNestingDepth()}, {@code JsonReadFeature.ALLOW_...}), which mean
     * nothing to a client and tell it what the mock is made of.
     */
    public static String problem(JacksonException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            return m.startsWith("Document nesting depth") ? "the JSON is nested deeper than " + MAX_NESTING + " levels"
                    : m.startsWith("Number value length") ? "a number has more digits than allowed"
                    : "a value is longer than allowed";
        }
        m = m.replaceAll(": enable `[^`]*` to allow", "")
                .replaceAll(" \\(not recognized as one since Feature '[^']*' not enabled for parser\\)", "");
        if (INTERNAL_NAMES.matcher(m).find()) {
            return "the body is not valid JSON";
        }
        return m;
    }

    /** What must never reach a client: a qualified class name or one of Jackson's switches. */
    private static final Pattern INTERNAL_NAMES = Pattern.compile(
            "[a-z][\\w$]*\\.[a-z][\\w$]*\\.[\\w$.]+|Feature|Constraints|Exception|com\\.fasterxml");

    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON with object keys sorted at every level, so equal content always hashes equally. */
    public static String canonical(JsonNode node) {
        return canonicalWithout(node, null);
    }

    /**
     * {@link #canonical} of an object without its top-level field {@code left} (null: none), written
     * straight from the tree: no sorted copy, no copy to remove the field from (every generated answer's
     * seed is one; the copies were a twentieth of a request's CPU).
     */
    public static String canonicalWithout(JsonNode node, String left) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            writeSorted(node, left, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeSorted(JsonNode node, String left, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            g.writeStartObject();
            for (String name : names) {
                if (!name.equals(left)) {
                    g.writeFieldName(name);
                    writeSorted(node.get(name), null, g);
                }
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode item : node) {
                writeSorted(item, null, g);
            }
            g.writeEndArray();
        } else {
            MAPPER.writeTree(g, node);
        }
    }

    /** A copy without {@code cache_control}: a breakpoint marks the prompt, it is not part of it. */
    public static JsonNode withoutCacheControl(JsonNode node) {
        if (node.isObject() && node.has("cache_control")) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.remove("cache_control");
            return copy;
        }
        return node;
    }

    public static long sha256Long(String text) {
        byte[] digest = sha256(text);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return value;
    }

    public static byte[] sha256(String text) {
        return sha256Digest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Asked of the providers once: a lookup per request (several hash each) cost more than the hashing. */
    private static final MessageDigest SHA256 = lookUpSha256();

    public static MessageDigest sha256Digest() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUpSha256();
        }
    }

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
