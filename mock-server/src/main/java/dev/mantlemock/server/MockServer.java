package dev.mantlemock.server;

import dev.mantlemock.admin.AdminApi;
import dev.mantlemock.admin.MockControls;
import dev.mantlemock.answer.AnswerGenerator;
import dev.mantlemock.answer.AnswerSelection;
import dev.mantlemock.answer.FixtureAnswers;
import dev.mantlemock.tokens.PromptCache;
import dev.mantlemock.tokens.ContextEditing;
import dev.mantlemock.tokens.TokenCounting;
import dev.mantlemock.tokens.TokenEstimator;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.fixtures.FixtureCatalogue;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.RequestPipeline;
import dev.mantlemock.policy.ModelCatalogue;
import dev.mantlemock.config.ConnectionSettings;
import dev.mantlemock.wire.MessageJson;
import dev.mantlemock.wire.SseEncoder;
import dev.mantlemock.wire.StreamWriter;
import dev.mantlemock.drift.CompareStage;
import dev.mantlemock.drift.DriftLog;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.recording.RecordSettings;
import dev.mantlemock.recording.Recorder;
import dev.mantlemock.recording.RecordingStage;
import dev.mantlemock.upstream.Upstream;
import dev.mantlemock.upstream.UpstreamSigner;
import dev.mantlemock.upstream.UpstreamTarget;
import java.nio.file.Path;
import java.util.function.Function;
import io.javalin.Javalin;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import io.javalin.compression.CompressionStrategy;
import dev.mantlemock.domain.Ids;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The running mock: a Javalin app serving the Mantle Messages endpoints under {@code /anthropic}
 * and the admin routes under {@code /_mock}. Start it with {@link #start}; stop it with {@link #close}.
 */
public final class MockServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MockServer.class);
    /** Jetty's name for the padding of its thread-pool queue, in object references per cache line. */
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    /** Written as is: through ctx.json, the first health check would build Javalin's own ObjectMapper. */
    private static final String HEALTHY = "{\"status\":\"ok\"}";

    static {
        // Unset, Jetty asks the HotSpot MBean whether oops are compressed, which starts the whole JMX
        // platform (about 200 classes, a tenth of the start-up). 16 is its own fallback: right with
        // compressed oops, and only more padding without them.
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    private static final TokenEstimator ESTIMATOR = new TokenEstimator();

    private final Javalin app;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;
    private final StreamWriter streams;
    private final MockConfig config;
    private final MockControls controls;
    private final AdminApi admin;
    private final List<Upstream> upstreams;
    private final List<RecordingStage> recorders;

    private MockServer(Javalin app, ScheduledThreadPoolExecutor timer, ExecutorService workers, StreamWriter streams,
            MockConfig config, MockControls controls, AdminApi admin, List<Upstream> upstreams, List<RecordingStage> recorders) {
        this.recorders = recorders;
        this.app = app;
        this.upstreams = upstreams;
        this.admin = admin;
        this.timer = timer;
        this.workers = workers;
        this.streams = streams;
        this.config = config;
        this.controls = controls;
    }

    public static MockServer start(MockConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts with an injected clock: signature skew, quota windows, cache TTLs all read it. */
    public static MockServer start(MockConfig config, Clock clock) {
        config.check();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "stream-pacer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a wait ended early (the client left) leaves no task behind
        MockControls controls = controls(config, clock);
        StreamWriter streams = new StreamWriter(timer, new SseEncoder(config.streaming.pingEvery, new MessageJson(config.responses)));
        DriftLog drift = config.compare.with == null ? DriftLog.off(clock)
                : new DriftLog(Path.of(config.compare.driftLog), config.compare.with, clock, config.compare.driftLogMaxBytes,
                        config.compare.driftLogFiles);
        ExecutorService workers = Workers.start();
        List<Upstream> upstreams = new java.util.concurrent.CopyOnWriteArrayList<>();
        controls.metrics().upstreamRelays(() -> upstreams.stream().mapToInt(Upstream::inFlight).sum());
        // A request that waits (a queueing quota) is resumed on the workers after its wait: the timer only counts.
        RequestPipeline.Later later = (millis, task) -> timer.schedule(() -> workers.execute(task), millis, TimeUnit.MILLISECONDS);
        List<RecordingStage> recorders = new java.util.concurrent.CopyOnWriteArrayList<>();
        RequestPath.Components components = components(config, controls, clock, drift, upstreams, recorders);
        RequestPipeline pipeline = RequestPath.assemble(config, components, controls, streams, later);
        AdminApi admin = new AdminApi(controls, config.admin, config.host, drift::summary, components.catalogue()::describe);
        ConnectionSettings limits = config.connections;
        HttpEntry entry = new HttpEntry(pipeline, workers, clock, config.maxBodyBytes, limits.bodyReadTimeoutMillis(),
                config.record.from == null && config.compare.with == null);

        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // Streams must reach the client event by event: never gzip-buffered.
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.maxRequestSize = config.maxBodyBytes;
            cfg.router.handlerWrapper(endpoint -> LastResort.wrap(endpoint.handler));
            cfg.router.javaLangErrorHandler(LastResort::answer);
            cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(limits.maxHeaderBytes));
            cfg.jetty.addConnector((server, http) -> connector(server, http, config.host, config.port, limits));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new EnvelopeErrorHandler()));
            cfg.jetty.modifyServletContextHandler(context -> context.addFilter(
                    new FilterHolder(new MethodAsSent()), "/*", EnumSet.of(DispatcherType.REQUEST)));
            cfg.routes.post("/anthropic" + Endpoint.MESSAGES.path(), entry.handler(Endpoint.MESSAGES));
            cfg.routes.post("/anthropic" + Endpoint.COUNT_TOKENS.path(), entry.handler(Endpoint.COUNT_TOKENS));
            // Admin answers carry a request id too, so every response can be quoted in a report.
            cfg.routes.before("/_mock/*", ctx -> ctx.header("request-id", Ids.requestId()));
            cfg.routes.get("/_mock/health", ctx -> ctx.contentType("application/json").result(HEALTHY));
            admin.addRoutes(cfg.routes);
            cfg.routes.error(404, LastResort.wrap(ctx -> {
                if (!AdminApi.answered(ctx) && !HttpEntry.answered(ctx)) {
                    entry.notAvailable(ctx);
                }
            }));
        });
        app.start();
        return new MockServer(app, timer, workers, streams, config, controls, admin, upstreams, recorders);
    }

    /** The request path without the HTTP server around it: what the server runs, and what fuzz tests drive directly. */
    static RequestPipeline pipeline(MockConfig config, Clock clock, MockControls controls, StreamWriter streams) {
        return RequestPath.assemble(config, components(config, controls, clock, DriftLog.off(clock), new java.util.ArrayList<>(),
                new java.util.ArrayList<>()), controls, streams,
                RequestPipeline.Later.NEVER);
    }

    /**
     * The state the admin API and the test kit change: the configured quotas, rules and fixtures (matched
     * with record mode's relaxations), an empty cache.
     */
    static MockControls controls(MockConfig config, Clock clock) {
        PromptCache cache = new PromptCache(clock, ESTIMATOR, config.promptCache.maxEntries, config.promptCache.minimumFor());
        FixtureCatalogue fixtures = FixtureCatalogue.of(config.fixtures, config.fixtureLimits).relaxed(config.record.ignore);
        return MockControls.create(config.quota, config.faults, config.journal, fixtures, cache, clock);
    }

    /** The one listening socket: idle connections are closed, and a burst of connects is queued, not refused. */
    private static ServerConnector connector(Server server, HttpConfiguration http, String host, int port, ConnectionSettings limits) {
        ServerConnector connector = new ServerConnector(server, new ReasonPhrases(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeoutMillis());
        connector.setAcceptQueueSize(limits.acceptQueue);
        return connector;
    }

    /** A recording whose answer breaks a rule for its own recorded request is not written: replaying it would fail. */
    private static Function<dev.mantlemock.fixtures.Fixture, java.util.Optional<String>> recordedAnswerRules() {
        FixtureCheck check = new FixtureCheck();
        return f -> java.util.Optional.ofNullable(check.problem(f, List.of()));
    }

    private static RequestPath.Components components(MockConfig config, MockControls controls, Clock clock, DriftLog drift,
            List<Upstream> upstreams, List<RecordingStage> recorders) {
        RecordSettings record = config.record;
        RecordingStage recording = record.from == null ? null : new RecordingStage(
                upstream(record.from, record.region, "--record-from", config, upstreams),
                new Recorder(Path.of(record.dir), record.ignore, record.from, clock, recordedAnswerRules()));
        if (recording != null) {
            recorders.add(recording);
        }
        AnswerSelection.Replay replay = new AnswerSelection.Replay(
                AnswerSelection.OnMiss.valueOf(record.onMiss.toUpperCase(java.util.Locale.ROOT)),
                recording == null ? null : recording::forward, record.replayTiming.equals("recorded"));
        Function<RequestPipeline, Stage> compare = config.compare.with == null ? null : mockOnly -> new CompareStage(
                upstream(config.compare.with, config.compare.region, "--compare-with", config, upstreams), mockOnly, drift, clock);
        return new RequestPath.Components(
                ModelCatalogue.load(config.models, config.servesOffMantleModels()),
                new ContextEditing(ESTIMATOR, config.validation.contextManagement.equals("apply")),
                new TokenCounting(ESTIMATOR, controls.promptCache()),
                new AnswerSelection(controls.fixtures(), new FixtureAnswers(ESTIMATOR), new AnswerGenerator(config.generator.seed), replay),
                record.recordsEverything() ? recording : null, compare);
    }

    /** The upstream of record or compare mode, signed with the user's credentials; says which, never what. */
    private static Upstream upstream(String url, String region, String setting, MockConfig config, List<Upstream> made) {
        UpstreamTarget target = UpstreamTarget.of(url, region, setting);
        Upstream upstream = new Upstream(target, UpstreamSigner.choose(target.region(), config.upstreamCredentials, System.getenv()),
                config.upstream);
        LOG.info("upstream for {}: {}", setting, upstream.describe());
        made.add(upstream);
        return upstream;
    }

    /** Quotas, fault rules, journal and metrics, for in-process tests that prefer them to the admin API. */
    public MockControls controls() {
        return controls;
    }

    /**
     * Pacing delays waiting on the shared stream timer. Each is held by a stream that is still open, so
     * once every stream has ended (aborted or not) this is 0: a test's proof that none is left behind.
     */
    public int pendingPacerTasks() {
        return timer.getQueue().size();
    }

    /** Upstream relays running or waiting for a thread (record and compare modes): 0 once every client has gone. */
    public int upstreamRelaysInFlight() {
        return upstreams.stream().mapToInt(Upstream::inFlight).sum();
    }

    public int port() {
        return app.port();
    }

    /** The address the listening socket is bound to, as Jetty reports it. */
    public String boundHost() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getHost();
    }

    /** What the SDKs take as base URL: {@code http://host:port/anthropic}. */
    public String baseUrl() {
        String host = boundHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/anthropic";
    }

    /** The last answers' recordings are written after their clients have them: give them the grace period. */
    private void awaitRecordings() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.connections.shutdownGraceMillis());
        while (recorders.stream().anyMatch(r -> r.pending() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops gracefully: open streams are first written to their end without pacing (bounded by
     * {@code connections.shutdown-grace-seconds}), then the server stops.
     */
    @Override
    public void close() {
        try {
            streams.finishAll().get(config.connections.shutdownGraceMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // what did not finish in the grace period is cut when the server stops
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitRecordings();
        admin.close(); // dashboard feeds never end by themselves: end them before the server waits for its requests
        app.stop();
        workers.shutdownNow();
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
