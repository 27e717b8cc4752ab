package dev.mantlemock.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** {@code cache_control}: {@code {"type":"ephemeral","ttl":"5m"|"1h"}} wherever it may appear. */
final class CacheControlRules {
    private static final Set<String> FIELDS = Set.of("type", "ttl");

    private CacheControlRules() {}

    static void check(ObjectNode owner, String path) {
        JsonNode cc = owner.get("cache_control");
        if (cc == null || cc.isNull()) {
            return;
        }
        String where = Check.join(path, "cache_control");
        ObjectNode obj = Check.object(cc, where);
        Check.onlyFields(obj, where, FIELDS);
        Check.oneOf(Check.required(obj, "type", where), Check.join(where, "type"), Set.of("ephemeral"));
        if (obj.has("ttl")) {
            Check.oneOf(obj.get("ttl"), Check.join(where, "ttl"), Set.of("5m", "1h"));
        }
    }
}
