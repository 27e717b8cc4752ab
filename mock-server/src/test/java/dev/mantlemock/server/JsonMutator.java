package dev.mantlemock.server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Structure-aware mutation for the fuzzer: a valid request with a few fields deleted, retyped,
 * replaced or added, so inputs reach validation, policy, token counting and generation instead of
 * stopping at the JSON parser.
 */
final class JsonMutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonMutator() {}

    static String mutate(String seed, FuzzedDataProvider data) {
        JsonNode root;
        try {
            root = JSON.readTree(seed);
        } catch (Exception e) {
            throw new IllegalStateException("seed must be valid JSON", e);
        }
        int mutations = data.consumeInt(0, 4);
        for (int i = 0; i < mutations; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(data.consumeInt(0, containers.size() - 1));
            if (target instanceof ObjectNode obj) {
                mutateObject(obj, data);
            } else if (target instanceof ArrayNode arr) {
                mutateArray(arr, data);
            }
        }
        return root.toString();
    }

    private static void mutateObject(ObjectNode obj, FuzzedDataProvider data) {
        List<String> names = new ArrayList<>();
        obj.fieldNames().forEachRemaining(names::add);
        int action = data.consumeInt(0, 2);
        if (action == 0 && !names.isEmpty()) {
            obj.remove(names.get(data.consumeInt(0, names.size() - 1)));
        } else if (action == 1 && !names.isEmpty()) {
            obj.set(names.get(data.consumeInt(0, names.size() - 1)), value(data, 0));
        } else {
            obj.set(data.consumeString(24), value(data, 0));
        }
    }

    private static void mutateArray(ArrayNode arr, FuzzedDataProvider data) {
        if (data.consumeBoolean() && !arr.isEmpty()) {
            arr.remove(data.consumeInt(0, arr.size() - 1));
        } else if (data.consumeBoolean() && !arr.isEmpty()) {
            arr.add(arr.get(data.consumeInt(0, arr.size() - 1)).deepCopy());
        } else {
            arr.add(value(data, 0));
        }
    }

    private static JsonNode value(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, depth > 3 ? 5 : 7)) {
            case 0: return F.textNode(data.consumeString(64));
            case 1: return F.numberNode(data.consumeLong());
            case 2: return F.numberNode(data.consumeDouble());
            case 3: return F.booleanNode(data.consumeBoolean());
            case 4: return F.nullNode();
            case 5: return F.numberNode(data.consumeInt(-2, 70_000));
            case 6: {
                ObjectNode o = F.objectNode();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    o.set(data.consumeString(16), value(data, depth + 1));
                }
                return o;
            }
            default: {
                ArrayNode a = F.arrayNode();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    a.add(value(data, depth + 1));
                }
                return a;
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }
}
