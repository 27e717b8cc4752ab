package dev.mantlemock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.testing.PropertyRunner;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The canonical form every seed and fixture hash is made of is written straight from the tree; it must
 * be exactly what sorting a copy and serialising it gave (the first version), or every generated answer
 * and recorded fixture name would change.
 */
class CanonicalJsonTest {
    private static final String[] KEYS = {"a", "b", "B", "stream", "model", "é", "\uD83D\uDE00", "", "z z", "a\"b"};
    private static final String[] TEXTS = {"", "hi", "line\nbreak", "tab\t", "quote\"", "back\\slash", "\u0001", "é", "\uD83D\uDE00", "\uD800", "</script>"};

    @Test
    void anyTreeIsWrittenAsItsSortedCopyWasSerialised() {
        PropertyRunner.check("canonical equals sorted copy", 1_500, r -> tree(r, 0), CanonicalJsonTest::simpler, tree -> {
            String expected = Json.compact(sortedCopy(tree));
            String actual = Json.canonical(tree);
            return actual.equals(expected) ? null : "wrote " + actual + " but the sorted copy gave " + expected;
        });
    }

    @Test
    void leavingOutATopLevelFieldIsRemovingItFromACopyFirst() throws Exception {
        PropertyRunner.check("canonicalWithout equals remove then canonical", 1_500, r -> {
            ObjectNode o = Json.object();
            int n = r.nextInt(6);
            for (int i = 0; i < n; i++) {
                o.set(KEYS[r.nextInt(KEYS.length)], tree(r, 1));
            }
            return o;
        }, t -> List.of(), tree -> {
            ObjectNode copy = tree.deepCopy();
            copy.remove("stream");
            String expected = Json.canonical(copy);
            String actual = Json.canonicalWithout(tree, "stream");
            return actual.equals(expected) ? null : "wrote " + actual + " but removing first gave " + expected;
        });
        ObjectNode nested = (ObjectNode) Json.MAPPER.readTree("{\"stream\":true,\"m\":{\"stream\":false}}");
        assertThat(Json.canonicalWithout(nested, "stream")).isEqualTo("{\"m\":{\"stream\":false}}");
    }

    private static ObjectNode tree(SplittableRandom r, int depth) {
        ObjectNode o = Json.object();
        int n = r.nextInt(depth > 3 ? 2 : 5);
        for (int i = 0; i < n; i++) {
            o.set(KEYS[r.nextInt(KEYS.length)], value(r, depth + 1));
        }
        return o;
    }

    private static JsonNode value(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 4 ? 8 : 10)) {
            case 0 -> Json.NODES.nullNode();
            case 1 -> Json.NODES.booleanNode(r.nextBoolean());
            case 2 -> Json.NODES.numberNode(r.nextInt());
            case 3 -> Json.NODES.numberNode(r.nextLong());
            case 4 -> Json.NODES.numberNode(r.nextDouble() * 1e6 - 5e5);
            case 5 -> Json.NODES.numberNode(new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(20) - 10));
            case 6, 7 -> Json.NODES.textNode(TEXTS[r.nextInt(TEXTS.length)] + TEXTS[r.nextInt(TEXTS.length)]);
            case 8 -> tree(r, depth);
            default -> {
                ArrayNode a = Json.NODES.arrayNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(value(r, depth + 1));
                }
                yield a;
            }
        };
    }

    /** The first version of Json.canonical's sorting: a copy with keys sorted at every level. */
    private static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = Json.object();
            names.forEach(name -> out.set(name, sortedCopy(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.NODES.arrayNode();
            node.forEach(item -> out.add(sortedCopy(item)));
            return out;
        }
        return node;
    }

    private static List<ObjectNode> simpler(ObjectNode tree) {
        List<ObjectNode> out = new ArrayList<>();
        tree.fieldNames().forEachRemaining(name -> {
            ObjectNode fewer = tree.deepCopy();
            fewer.remove(name);
            out.add(fewer);
        });
        return out;
    }
}
