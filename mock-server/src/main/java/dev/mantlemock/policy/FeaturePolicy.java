package dev.mantlemock.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Refuses what Claude in Amazon Bedrock does not offer: server tools, MCP, containers, Files API and URL
 * sources, fallbacks, and the betas that ask for them. The facts are the {@link FeatureTable}; this
 * class only walks the request looking for them.
 */
public final class FeaturePolicy implements Stage {
    private final List<Refused> unsupported;
    private final FeatureTable table;
    private final BetaMode betaMode;

    public FeaturePolicy(FeatureTable table, String profile, BetaMode betaMode) {
        this.table = table;
        this.unsupported = table.unsupportedIn(profile).stream().map(Refused::of).toList();
        this.betaMode = betaMode;
    }

    /** A feature with its field rules split once: the request walk runs on every request. */
    private record Refused(UnsupportedFeature feature, List<FieldRule> fields) {
        static Refused of(UnsupportedFeature f) {
            return new Refused(f, f.fields().stream().map(FieldRule::of).toList());
        }
    }

    /** A field, or with {@code path=value} only that value of it (speed=fast). */
    private record FieldRule(String path, String[] parts, String value) {
        static FieldRule of(String field) {
            int eq = field.indexOf('=');
            String path = eq < 0 ? field : field.substring(0, eq);
            return new FieldRule(path, path.split("\\."), eq < 0 ? null : field.substring(eq + 1));
        }

        boolean sentIn(JsonNode body) {
            JsonNode node = body;
            for (String part : parts) {
                node = node.path(part);
            }
            return !node.isMissingNode() && (value == null || node.asText().equals(value));
        }
    }

    /** Where a block sits, spelt out only when it is refused. */
    private record Where(Where parent, String field, int index) {
        @Override
        public String toString() {
            return (parent == null ? "" : parent + ".") + field + "." + index;
        }
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.BODY, Slot.BETAS);
    }

    @Override
    public void process(Exchange exchange) {
        checkBetas(exchange);
        ObjectNode body = exchange.body();
        for (Refused r : unsupported) {
            UnsupportedFeature f = r.feature();
            checkFields(body, r.fields(), f);
            checkTools(body.path("tools"), f);
            checkMessages(body.path("messages"), f);
        }
    }

    /** Betas alone, per {@link BetaMode}; a feature the request actually uses is refused below in every mode. */
    private void checkBetas(Exchange exchange) {
        switch (betaMode) {
            case ACCEPT_UNUSED -> { }
            case BEDROCK_WHITELIST -> {
                if (!exchange.betas().stream().allMatch(table::isBedrockRuntimeBeta)) {
                    throw ApiException.of(ApiError.BETA_NOT_WHITELISTED);
                }
            }
            case FIRST_PARTY, REFUSE_UNSUPPORTED -> {
                List<String> unknown = exchange.betas().stream().filter(b -> !table.isKnownBeta(b)).toList();
                if (!unknown.isEmpty()) {
                    throw ApiException.of(ApiError.BETA_UNKNOWN,
                            unknown.stream().map(b -> "`" + b + "`").collect(Collectors.joining(", ")));
                }
                if (betaMode == BetaMode.REFUSE_UNSUPPORTED) {
                    refuseUnsupportedBetas(exchange);
                }
            }
        }
    }

    private void refuseUnsupportedBetas(Exchange exchange) {
        for (String beta : exchange.betas()) {
            for (Refused r : unsupported) {
                if (r.feature().matchesBeta(beta)) {
                    throw ApiException.of(ApiError.BETA_NOT_SUPPORTED, beta, r.feature().name());
                }
            }
        }
    }

    private static void checkFields(ObjectNode body, List<FieldRule> rules, UnsupportedFeature f) {
        for (FieldRule rule : rules) {
            if (rule.sentIn(body)) {
                throw refuse(rule.path(), f);
            }
        }
    }

    private static void checkTools(JsonNode tools, UnsupportedFeature f) {
        for (int i = 0; i < tools.size(); i++) {
            String type = tools.get(i).path("type").asText(null);
            if (f.matchesToolType(type)) {
                throw refuseType("tools." + i + ".type", type, f);
            }
        }
    }

    private static void checkMessages(JsonNode messages, UnsupportedFeature f) {
        if (f.sources().isEmpty() && f.blockTypes().isEmpty()) {
            return;
        }
        for (int i = 0; i < messages.size(); i++) {
            checkBlocks(messages.get(i).path("content"), new Where(null, "messages", i), f);
        }
    }

    /** Blocks may nest: a tool_result carries its own content blocks. */
    private static void checkBlocks(JsonNode content, Where holder, UnsupportedFeature f) {
        if (!content.isArray()) {
            return;
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            Where where = new Where(holder, "content", j);
            String type = block.path("type").asText();
            if (f.blockTypes().contains(type)) {
                throw refuseType(where + ".type", type, f);
            }
            String source = block.path("source").path("type").asText();
            if (f.sources().contains(source)) {
                throw refuseType(where + ".source.type", source, f);
            }
            checkBlocks(block.path("content"), where, f);
        }
    }

    private static ApiException refuse(String where, UnsupportedFeature f) {
        return ApiException.of(ApiError.NOT_SUPPORTED, where, f.name());
    }

    /** Names the exact type sent (e.g. {@code web_search_20250305}), not only the feature. */
    private static ApiException refuseType(String where, String type, UnsupportedFeature f) {
        return ApiException.of(ApiError.TYPE_NOT_SUPPORTED, where, type, f.name());
    }
}
