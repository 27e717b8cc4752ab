package dev.mantlemock.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorEnvelope;
import dev.mantlemock.domain.Ids;
import dev.mantlemock.domain.Json;
import dev.mantlemock.faults.FaultRule;
import dev.mantlemock.fixtures.Fixture;
import dev.mantlemock.fixtures.FixtureCatalogue;
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
 * and out; bad input is a 400 in the same error envelope as the API's, never a stack trace.
 * (Health belongs to the server.)
 */
public final class AdminApi implements AutoCloseable {

    /** The live dashboard's page. */
    public static final String DASHBOARD = "/_mock/ui";
    /** How long a journal read waits for the exchanges in flight to complete. */
    private static final long SETTLE_NANOS = 2_000_000_000L;

    private final QuotaBook quotas;
    private final FaultRules faults;
    private final RequestJournal journal;
    private final MetricsRegistry metrics;
    private final AdminAccess access;
    private final MockControls controls;
    private final LiveFeed feed;
    private final java.util.function.Supplier<Map<String, Object>> drift;
    private final java.util.function.Supplier<Map<String, Object>> models;

    public AdminApi(MockControls controls, AdminConfig config, String bindHost) {
        this(controls, config, bindHost, () -> Map.of("comparing", false), () -> Map.of("models", List.of()));
    }

    /**
     * @param drift  what {@code GET /_mock/drift} answers: compare mode's summary
     * @param models what {@code GET /_mock/models} answers: each served model with its rules and sources
     */
    public AdminApi(MockControls controls, AdminConfig config, String bindHost, java.util.function.Supplier<Map<String, Object>> drift,
            java.util.function.Supplier<Map<String, Object>> models) {
        this.controls = controls;
        this.drift = drift;
        this.models = models;
        this.quotas = controls.quotas();
        this.faults = controls.faults();
        this.journal = controls.journal();
        this.metrics = controls.metrics();
        this.access = new AdminAccess(config.token, bindHost, config.allowedHosts);
        this.feed = new LiveFeed(controls, () -> Strict.JSON);
    }

    public void addRoutes(RoutesConfig routes) {
        routes.before("/_mock/*", this::screen);
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
                error(ctx, ApiException.of(ApiError.FAULT_RULE_NOT_FOUND, ctx.pathParam("id")));
                return;
            }
            ok(ctx, Map.of("removed", 1));
        }));
        routes.get("/_mock/requests", guarded(this::getRequests));
        routes.delete("/_mock/requests", guarded(ctx -> {
            journal.clear();
            ok(ctx, Map.of("cleared", "journal"));
        }));
        routes.get("/_mock/drift", guarded(ctx -> ok(ctx, drift.get())));
        routes.get("/_mock/models", guarded(ctx -> ok(ctx, models.get())));
        routes.get("/_mock/metrics", guarded(ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render())));
        routes.get("/_mock/metrics/seconds", guarded(this::getSeconds));
        routes.get("/_mock/fixtures", guarded(ctx -> ok(ctx, Map.of("fixtures", controls.fixtures().added()))));
        routes.post("/_mock/fixtures", guarded(this::postFixture));
        routes.delete("/_mock/fixtures", guarded(ctx -> ok(ctx, Map.of("removed", controls.fixtures().clearAdded()))));
        routes.delete("/_mock/fixtures/{name}", guarded(ctx -> {
            if (!controls.fixtures().remove(ctx.pathParam("name"))) {
                error(ctx, ApiException.of(ApiError.FIXTURE_NOT_FOUND, ctx.pathParam("name")));
                return;
            }
            ok(ctx, Map.of("removed", 1));
        }));
        routes.get(DASHBOARD, guarded(ctx -> DashboardPage.get().serve(ctx)));
        routes.get("/_mock/events", guarded(feed::subscribe));
        routes.post("/_mock/reset", guarded(ctx -> {
            controls.reset();
            ok(ctx, Map.of("reset", MockControls.RESET));
        }));
    }

    /**
     * Before any admin route (and before an unknown one is reported): who may call, from where, how.
     * HEAD is not an admin method: Javalin would answer it for every GET route, unchecked. Health is
     * open to any caller (a container's probe uses its own host name); it tells nothing.
     */
    private void screen(Context ctx) {
        boolean head = ctx.req().getMethod().equals("HEAD");
        if (!head && ctx.path().equals("/_mock/health")) {
            return;
        }
        ApiException refusal = head ? ApiException.of(ApiError.ADMIN_ROUTE_UNKNOWN, "HEAD", ctx.path())
                : ctx.path().equals(DASHBOARD) && ctx.req().getMethod().equals("GET") ? access.checkPage(ctx)
                : access.check(ctx);
        if (refusal != null) {
            error(ctx, refusal);
            ctx.skipRemainingHandlers();
        }
    }

    /** Ends the dashboard's feed: its ticker thread and every open subscription. */
    @Override
    public void close() {
        feed.close();
    }

    /** Error mapping around every admin handler. */
    private Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (ApiException e) {
                error(ctx, e);
            } catch (UnrecognizedPropertyException e) {
                error(ctx, ApiException.of(ApiError.ADMIN_UNKNOWN_FIELD, e.getPropertyName(),
                        e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))));
            } catch (MismatchedInputException e) {
                error(ctx, e.getTargetType() == null ? ApiException.of(ApiError.ADMIN_WRONG_TYPE, fieldPath(e))
                        : ApiException.of(ApiError.ADMIN_WRONG_TYPE_EXPECTED, fieldPath(e), simpleType(e.getTargetType())));
            } catch (JsonProcessingException e) {
                ApiException setting = settingError(e);
                error(ctx, setting != null ? setting : ApiException.of(ApiError.ADMIN_BODY_NOT_JSON, Json.problem(e)));
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

    /** Bytes of a refused body read and dropped at most, so its client reads the 413 rather than a reset mid-upload. */
    private static final long DISCARD_LIMIT = 64L * 1024 * 1024;

    /** Reads a refused body to its end (up to {@link #DISCARD_LIMIT}) without keeping it; a body beyond that ends with the connection. */
    private static void discardBody(Context ctx) {
        byte[] sink = new byte[64 * 1024];
        long read = 0;
        try {
            java.io.InputStream in = ctx.req().getInputStream();
            for (int n = in.read(sink); n >= 0 && read < DISCARD_LIMIT; n = in.read(sink)) {
                read += n;
            }
        } catch (java.io.IOException | RuntimeException gone) {
            // the client stopped sending; it may still read the answer
        }
    }

    /** A fixture in the file format, added in front of the others (the test kit's {@code stubFor} does the same in process). */
    private void postFixture(Context ctx) throws JsonProcessingException {
        FixtureCatalogue catalogue = controls.fixtures();
        // Refused before it is parsed or kept: a parsed 19 MB fixture is several copies of it on the heap.
        try {
            catalogue.checkSize(ctx.req().getContentLengthLong());
        } catch (ApiException tooLarge) {
            discardBody(ctx);
            throw tooLarge;
        }
        Fixture fixture = Strict.JSON.treeToValue(objectBody(ctx), Fixture.class);
        long before = catalogue.addedBytes();
        catalogue.add(fixture);
        ctx.status(201);
        // Not the fixture again: it may be megabytes, and the caller has it.
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", fixture.name);
        out.put("bytes", catalogue.addedBytes() - before);
        out.put("added", catalogue.added().size());
        out.put("added_bytes", catalogue.addedBytes());
        ok(ctx, out);
    }

    /** Messages requests per second of arrival ({@code from}, {@code to}: epoch seconds; default the last minute). */
    private void getSeconds(Context ctx) throws Exception {
        long now = controls.quotas().now() / 1000 + 1;
        long to = epochSecond(ctx, "to", now);
        long from = epochSecond(ctx, "from", to - 60);
        ok(ctx, Map.of("seconds", metrics.perSecond(from, to)));
    }

    private static long epochSecond(Context ctx, String name, long absent) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return absent;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.of(ApiError.SETTING_INVALID, name, "a whole number of seconds since 1970", "'" + v + "'");
        }
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
                throw ApiException.of(ApiError.SETTING_INVALID, "limit", "a whole number of at least 1", "'" + limitParam + "'");
            }
        }
        journal.settle(SETTLE_NANOS); // a client that has just read its answer sees it answered, not pending
        List<JournalEntry> entries = journal.entries(testId(ctx), limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("capacity", journal.capacity());
        out.put("count", entries.size());
        out.put("requests", entries);
        ok(ctx, out);
    }

    private static ObjectNode objectBody(Context ctx) throws JsonProcessingException {
        String body;
        try {
            body = ctx.body();
        } catch (Exception cutShort) { // Jetty's EofException, thrown unchecked through Kotlin
            throw ApiException.of(ApiError.BODY_UNREADABLE); // the client left mid-body; never a 500
        }
        if (body == null || body.isBlank()) {
            throw ApiException.of(ApiError.ADMIN_BODY_EMPTY);
        }
        var node = Strict.JSON.readTree(body);
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.of(ApiError.ADMIN_BODY_NOT_OBJECT);
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

    /** The API's envelope, with the request id the server gave this call (a fresh one on a bare Javalin). */
    private static void error(Context ctx, ApiException e) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        String requestId = ctx.res().getHeader("request-id");
        ErrorEnvelope.Reply reply = ErrorEnvelope.reply(e, requestId != null ? requestId : Ids.requestId());
        reply.headers().forEach(ctx::header);
        ctx.status(reply.status()).contentType(reply.contentType()).result(reply.body());
    }

    /** A setting refused while Jackson built it (an enum's creator): that refusal, not "not valid JSON". */
    private static ApiException settingError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
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
        public dev.mantlemock.quota.QuotaExceeded onQuotaExceeded = dev.mantlemock.quota.QuotaExceeded.THROTTLE;
        public double maxQueueWaitSeconds = 10;
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
            v.onQuotaExceeded = s.onQuotaExceeded();
            v.maxQueueWaitSeconds = s.maxQueueWaitMillis() / 1000.0;
            v.overrides = s.overrides();
            return v;
        }

        QuotaBook.Settings toSettings() {
            QuotaConfig c = new QuotaConfig();
            c.windowSeconds = windowSeconds;
            c.maxQueueWaitSeconds = maxQueueWaitSeconds;
            if (onOutputExhausted == null) {
                throw dev.mantlemock.quota.OutputExhaustion.invalid("null");
            }
            if (onQuotaExceeded == null) {
                throw dev.mantlemock.quota.QuotaExceeded.invalid("null");
            }
            return new QuotaBook.Settings(enabled, c.windowMillis(),
                    new dev.mantlemock.quota.TokenQuota(inputTokensPerMinute, outputTokensPerMinute, requestsPerMinute),
                    overrides == null ? List.of() : overrides, retryAfter, rateLimitHeaders, onOutputExhausted,
                    onQuotaExceeded, c.maxQueueWaitMillis());
        }
    }

    /** A fault rule as admin JSON: its spec with defaults filled in, and its state. */
    record FaultRuleView(String id, String kind, String testId, String model, String stub, String endpoint, Integer times,
                         Integer remaining, long fired, double probability, long seed, int afterEvents,
                         long latencyMillis, double tokensPerSecond, long timeToFirstTokenMillis, Integer retryAfterSeconds) {
        static FaultRuleView of(FaultRule r) {
            return new FaultRuleView(r.id(), r.kind().wireName(), r.testId(), r.model(), r.stub(),
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
