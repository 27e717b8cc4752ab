package dev.mantlemock.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.faults.FaultRule;
import dev.mantlemock.faults.FaultRuleSpec;
import dev.mantlemock.faults.FaultRules;
import dev.mantlemock.quota.QuotaBook;
import dev.mantlemock.quota.QuotaConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The admin routes under {@code /_mock/}: quotas, fault rules, the journal, metrics and reset. JSON in
 * and out; bad input is a 400 with the Anthropic-style error envelope, never a stack trace.
 * (Health belongs to the server.)
 */
public final class AdminApi {

    private final QuotaBook quotas;
    private final FaultRules faults;
    private final RequestJournal journal;
    private final MetricsRegistry metrics;
    private final AdminAccess access;

    public AdminApi(MockControls controls, AdminConfig config, String bindHost) {
        this.quotas = controls.quotas();
        this.faults = controls.faults();
        this.journal = controls.journal();
        this.metrics = controls.metrics();
        this.access = new AdminAccess(config.token, bindHost);
    }

    public void addRoutes(RoutesConfig routes) {
        routes.get("/_mock/quotas", guarded(this::getQuotas));
        routes.put("/_mock/quotas", guarded(this::putQuotas));
        routes.delete("/_mock/quotas/usage", guarded(ctx -> {
            quotas.clearUsage();
            ok(ctx, Map.of("cleared", "usage"));
        }));
        routes.get("/_mock/faults", guarded(ctx -> ok(ctx, Map.of("rules", views(faults.list(testId(ctx)))))));
        routes.post("/_mock/faults", guarded(this::postFault));
        routes.delete("/_mock/faults", guarded(ctx -> ok(ctx, Map.of("removed", faults.clear(testId(ctx))))));
        routes.delete("/_mock/faults/{id}", guarded(ctx -> {
            if (!faults.remove(ctx.pathParam("id"))) {
                error(ctx, 404, "not_found_error", "There is no fault rule '" + ctx.pathParam("id") + "'.");
                return;
            }
            ok(ctx, Map.of("removed", 1));
        }));
        routes.get("/_mock/requests", guarded(this::getRequests));
        routes.delete("/_mock/requests", guarded(ctx -> {
            journal.clear();
            ok(ctx, Map.of("cleared", "journal"));
        }));
        routes.get("/_mock/metrics", guarded(ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render())));
        routes.post("/_mock/reset", guarded(ctx -> {
            quotas.reset();
            faults.reset();
            journal.clear();
            metrics.reset();
            ok(ctx, Map.of("reset", List.of("quotas", "faults", "journal", "metrics")));
        }));
    }

    /** Access check and error mapping around every admin handler. */
    private Handler guarded(Handler handler) {
        return ctx -> {
            AdminAccess.Refusal refusal = access.check(ctx.header("Authorization"), ctx.header("x-mock-admin-token"));
            if (refusal != null) {
                error(ctx, refusal.status(), refusal.type(), refusal.message());
                return;
            }
            try {
                handler.handle(ctx);
            } catch (UnrecognizedPropertyException e) {
                error(ctx, 400, "invalid_request_error", "Unknown field '" + e.getPropertyName() + "'; known fields: "
                        + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ".");
            } catch (MismatchedInputException e) {
                error(ctx, 400, "invalid_request_error", "Field '" + fieldPath(e) + "' has the wrong type"
                        + (e.getTargetType() == null ? "" : " (expected " + simpleType(e.getTargetType()) + ")") + ".");
            } catch (JsonProcessingException e) {
                error(ctx, 400, "invalid_request_error", "The body is not valid JSON: " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
                error(ctx, 400, "invalid_request_error", cause.getMessage());
            }
        };
    }

    private void getQuotas(Context ctx) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", QuotaSettingsView.of(quotas.settings()));
        out.put("buckets", quotas.usage());
        ok(ctx, out);
    }

    private void putQuotas(Context ctx) throws Exception {
        ObjectNode body = objectBody(ctx);
        QuotaSettingsView patch = Strict.JSON.readerForUpdating(QuotaSettingsView.of(quotas.settings())).readValue(body);
        quotas.update(patch.toSettings());
        getQuotas(ctx);
    }

    private void postFault(Context ctx) throws JsonProcessingException {
        FaultRuleSpec spec = Strict.JSON.treeToValue(objectBody(ctx), FaultRuleSpec.class);
        FaultRule rule = faults.add(spec);
        ctx.status(201);
        ok(ctx, FaultRuleView.of(rule));
    }

    private void getRequests(Context ctx) throws Exception {
        String limitParam = ctx.queryParam("limit");
        int limit = journal.capacity();
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw new IllegalArgumentException("'limit' must be a whole number of at least 1, was '" + limitParam + "'.");
            }
        }
        List<JournalEntry> entries = journal.entries(testId(ctx), limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("capacity", journal.capacity());
        out.put("count", entries.size());
        out.put("requests", entries);
        ok(ctx, out);
    }

    private static ObjectNode objectBody(Context ctx) throws JsonProcessingException {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("The body must be a JSON object; it was empty.");
        }
        var node = Strict.JSON.readTree(body);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("The body must be a JSON object.");
        }
        return object;
    }

    private static List<FaultRuleView> views(List<FaultRule> rules) {
        return rules.stream().map(FaultRuleView::of).toList();
    }

    private static String testId(Context ctx) {
        String t = ctx.queryParam("testId");
        return t == null || t.isEmpty() ? null : t;
    }

    private static void ok(Context ctx, Object body) throws JsonProcessingException {
        ctx.contentType("application/json").result(Strict.JSON.writeValueAsString(body));
    }

    private static final String ANSWERED = "mantlemock.admin.answered";

    /**
     * Whether an admin route wrote this response itself. Javalin runs status-code error handlers even
     * after a matched handler, so the server's 404 page must leave an admin 404 alone.
     */
    public static boolean answered(Context ctx) {
        return ctx.attribute(ANSWERED) != null;
    }

    static void error(Context ctx, int status, String type, String message) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ObjectNode root = Strict.JSON.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        ctx.status(status).contentType("application/json").result(root.toString());
    }

    private static String fieldPath(MismatchedInputException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String simpleType(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /** Quota settings as admin JSON; also the shape a {@code PUT /_mock/quotas} patch is read into. */
    static final class QuotaSettingsView {
        public boolean enabled;
        public double windowSeconds;
        public long inputTokensPerMinute;
        public long outputTokensPerMinute;
        public long requestsPerMinute;
        public boolean retryAfter;
        public boolean rateLimitHeaders;
        public dev.mantlemock.quota.OutputExhaustion onOutputExhausted;
        public List<QuotaConfig.Override> overrides;

        static QuotaSettingsView of(QuotaBook.Settings s) {
            QuotaSettingsView v = new QuotaSettingsView();
            v.enabled = s.enabled();
            v.windowSeconds = s.windowMillis() / 1000.0;
            v.inputTokensPerMinute = s.defaults().inputTokensPerMinute();
            v.outputTokensPerMinute = s.defaults().outputTokensPerMinute();
            v.requestsPerMinute = s.defaults().requestsPerMinute();
            v.retryAfter = s.retryAfter();
            v.rateLimitHeaders = s.rateLimitHeaders();
            v.onOutputExhausted = s.onOutputExhausted();
            v.overrides = s.overrides();
            return v;
        }

        QuotaBook.Settings toSettings() {
            QuotaConfig c = new QuotaConfig();
            c.windowSeconds = windowSeconds;
            if (onOutputExhausted == null) {
                throw new IllegalArgumentException("onOutputExhausted must be \"stop\" or \"continue\".");
            }
            return new QuotaBook.Settings(enabled, c.windowMillis(),
                    new dev.mantlemock.quota.TokenQuota(inputTokensPerMinute, outputTokensPerMinute, requestsPerMinute),
                    overrides == null ? List.of() : overrides, retryAfter, rateLimitHeaders, onOutputExhausted);
        }
    }

    /** A fault rule as admin JSON: its spec with defaults filled in, and its state. */
    record FaultRuleView(String id, String kind, String testId, String model, String endpoint, Integer times,
                         Integer remaining, long fired, double probability, long seed, int afterEvents,
                         long latencyMillis, double tokensPerSecond, long timeToFirstTokenMillis, Integer retryAfterSeconds) {
        static FaultRuleView of(FaultRule r) {
            return new FaultRuleView(r.id(), r.kind().wireName(), r.testId(), r.model(),
                    r.endpoint() == null ? null : r.endpoint().name().toLowerCase(), r.times(), r.remaining(), r.fired(),
                    r.probability(), r.seed(), r.afterEvents(), r.latencyMillis(), r.tokensPerSecond(),
                    r.timeToFirstTokenMillis(), r.retryAfterSeconds());
        }
    }

    /** Made on the first admin call that reads or writes JSON, not at start (an ObjectMapper is some 400 classes). */
    private static final class Strict {
        static final ObjectMapper JSON = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }
}
