package dev.mantlemock.junit;

import dev.mantlemock.kit.MantleMock;
import dev.mantlemock.kit.MantleMockInfo;
import dev.mantlemock.kit.MantleMockOptions;
import dev.mantlemock.kit.Quota;
import dev.mantlemock.kit.RecordedRequest;
import dev.mantlemock.kit.RequestPattern;
import dev.mantlemock.kit.ResilienceReport;
import dev.mantlemock.kit.Stub;
import dev.mantlemock.kit.StubInfo;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link MantleMockTest}; register it yourself for settings in code:
 * <pre>{@code @RegisterExtension
 * static MantleMockExtension mantle = MantleMockExtension.with(MantleMockOptions.defaults().profile("ga"));}</pre>
 * A class gets one mock, reset before each test; a test annotated itself, or run concurrently, gets its own.
 * While a class's mock runs, the system property {@value #BASE_URL_PROPERTY} holds its base URL, for code
 * under test that reads the environment variable of that name (it has to look at the property first).
 */
public final class MantleMockExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    /** The system property set to the running mock's base URL: the SDK's own environment variable's name. */
    public static final String BASE_URL_PROPERTY = "ANTHROPIC_BEDROCK_MANTLE_BASE_URL";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MantleMockExtension.class);
    private static final String ANTHROPIC_CLIENT = "com.anthropic.client.AnthropicClient";

    /** Settings given in code; null when they come from {@link MantleMockTest}. */
    private final MantleMockOptions options;
    private ClientAuth clientAuth = ClientAuth.SIGV4;
    private int maxRetries = 2;
    private volatile MantleMock classMock;
    private final ThreadLocal<MantleMock> current = new ThreadLocal<>();

    /** What {@code @MantleMockTest} registers: settings from the annotation. */
    public MantleMockExtension() {
        this.options = null;
    }

    private MantleMockExtension(MantleMockOptions options) {
        this.options = options;
    }

    public static MantleMockExtension with(MantleMockOptions options) {
        return new MantleMockExtension(options);
    }

    public static MantleMockExtension withDefaults() {
        return with(MantleMockOptions.defaults());
    }

    /** How an injected {@code AnthropicClient} authenticates (default SigV4). */
    public MantleMockExtension client(ClientAuth auth) {
        this.clientAuth = auth;
        return this;
    }

    /** Retries of an injected {@code AnthropicClient} (default 2, the SDK's). */
    public MantleMockExtension maxRetries(int retries) {
        this.maxRetries = retries;
        return this;
    }

    // --- The handle of the current test, for a registered extension used as a field

    /** The mock of the test running on this thread (or of the class). */
    public MantleMock mock() {
        MantleMock m = current.get();
        if (m == null) {
            m = classMock;
        }
        if (m == null) {
            throw new IllegalStateException("no mock is running: the extension starts one before the class or before each test");
        }
        return m;
    }

    public MantleMockInfo info() {
        return mock().info();
    }

    public String baseUrl() {
        return mock().baseUrl();
    }

    public StubInfo stubFor(Stub stub) {
        return mock().stubFor(stub);
    }

    public boolean removeStub(String id) {
        return mock().removeStub(id);
    }

    public void assertClientWasResilient() {
        mock().assertClientWasResilient();
    }

    public MantleMock quota(Quota change) {
        return mock().quota(change);
    }

    public void verify(RequestPattern pattern) {
        mock().verify(pattern);
    }

    public void verify(int count, RequestPattern pattern) {
        mock().verify(count, pattern);
    }

    public List<RecordedRequest> requests() {
        return mock().requests();
    }

    // --- Lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<MantleMockTest> onClass = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), MantleMockTest.class);
        if (options == null && onClass.isEmpty()) {
            return; // only methods are annotated: each gets its own mock
        }
        MantleMock mock = MantleMock.start(options != null ? options : options(onClass.get()));
        classMock = mock;
        Scope scope = new Scope(mock, System.getProperty(BASE_URL_PROPERTY));
        // The property is one per JVM: classes running at once must not set and restore it over each other.
        scope.ownsProperty = !concurrent(context);
        if (scope.ownsProperty) {
            System.setProperty(BASE_URL_PROPERTY, mock.baseUrl());
        }
        context.getStore(NAMESPACE).put(Scope.class, scope);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<MantleMockTest> onMethod = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), MantleMockTest.class);
        Scope shared = context.getStore(NAMESPACE).get(Scope.class, Scope.class); // the class's, if any
        boolean concurrent = concurrent(context);
        if (shared != null && onMethod.isEmpty() && !concurrent) {
            shared.mock.reset();
            current.set(shared.mock);
            return;
        }
        MantleMockOptions settings = onMethod.map(MantleMockExtension::options)
                .orElseGet(() -> options != null ? options : classOptions(context));
        MantleMock own = MantleMock.start(settings);
        // A concurrent test must not move the property under its neighbours; a lone one may.
        Scope scope = new Scope(own, concurrent ? null : System.getProperty(BASE_URL_PROPERTY));
        if (!concurrent) {
            System.setProperty(BASE_URL_PROPERTY, own.baseUrl());
        }
        scope.ownsProperty = !concurrent;
        context.getStore(NAMESPACE).put(Scope.class, scope);
        current.set(own);
    }

    /**
     * Before the test's mock is let go: a stub that answered what the request does not allow fails the test,
     * strict mode fails it for a request no stub matched, and the resilience verdicts are published as a
     * report entry ({@value #REPORT_KEY}) when the test gave the client a failure to meet.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        MantleMock mock = current.get() != null ? current.get() : classMock;
        try {
            if (mock != null) {
                judge(mock, context);
            }
        } finally {
            release(context);
        }
    }

    /** The report entry key of the per-test resilience report. */
    public static final String REPORT_KEY = "mantle-mock.resilience";

    private static void judge(MantleMock mock, ExtensionContext context) {
        ResilienceReport report = mock.resilienceReport();
        if (report.judgedAnything()) {
            context.publishReportEntry(REPORT_KEY, report.toString());
        }
        mock.assertStubsHeldToRequests();
        if (mock.isStrict()) {
            mock.assertEveryRequestMatchedAStub();
        }
    }

    private void release(ExtensionContext context) {
        current.remove();
        Scope scope = context.getStore(NAMESPACE).remove(Scope.class, Scope.class); // only the method's own is removed here
        if (scope != null) {
            scope.close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Scope scope = context.getStore(NAMESPACE).remove(Scope.class, Scope.class);
        classMock = null;
        if (scope != null) {
            scope.close();
        }
    }

    /**
     * Whether this class or test may run beside others. A class marked {@code @Isolated} runs alone, and JUnit
     * runs its tests one after another in one thread, though its context still reports the configured
     * {@code CONCURRENT} mode: so it shares one mock and owns the base-URL property as a sequential run does.
     */
    private static boolean concurrent(ExtensionContext context) {
        boolean isolated = context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, Isolated.class)).orElse(false);
        return context.getExecutionMode() == ExecutionMode.CONCURRENT && !isolated;
    }

    // --- Parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MantleMock.class || type == MantleMockInfo.class || type.getName().equals(ANTHROPIC_CLIENT);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Scope scope = context.getStore(NAMESPACE).get(Scope.class, Scope.class);
        if (scope == null) {
            throw new ParameterResolutionException(
                    "no mock is running here: put @MantleMockTest on the class to inject into @BeforeAll methods or constructors");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == MantleMock.class) {
            return scope.mock;
        }
        if (type == MantleMockInfo.class) {
            return scope.mock.info();
        }
        AnthropicSdk.whatIsMissing(MantleMockExtension.class.getClassLoader()).ifPresent(why -> {
            throw new ParameterResolutionException(why);
        });
        MantleMockTest annotation = annotation(context).orElse(null);
        ClientAuth auth = options == null && annotation != null ? annotation.client() : clientAuth;
        int retries = options == null && annotation != null ? annotation.maxRetries() : maxRetries;
        var client = AnthropicClients.create(scope.mock.info(), auth, retries);
        scope.clients.add(client::close);
        return client;
    }

    private static Optional<MantleMockTest> annotation(ExtensionContext context) {
        Optional<MantleMockTest> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation((AnnotatedElement) m, MantleMockTest.class));
        return onMethod.isPresent() ? onMethod : context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, MantleMockTest.class));
    }

    private static MantleMockOptions classOptions(ExtensionContext context) {
        return context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, MantleMockTest.class))
                .map(MantleMockExtension::options).orElseGet(MantleMockOptions::defaults);
    }

    static MantleMockOptions options(MantleMockTest a) {
        return MantleMockOptions.defaults().profile(a.profile()).auth(a.auth()).quotas(a.quotas())
                .fixtures(a.fixtures()).streaming(a.streaming()).seed(a.seed()).strict(a.strict());
    }

    /** A running mock, the clients injected for it, and the property value it replaced. */
    private static final class Scope {
        final MantleMock mock;
        final String previousProperty;
        final List<Runnable> clients = new ArrayList<>();
        boolean ownsProperty = true;

        Scope(MantleMock mock, String previousProperty) {
            this.mock = mock;
            this.previousProperty = previousProperty;
        }

        void close() {
            for (Runnable c : clients) {
                try {
                    c.run();
                } catch (RuntimeException ignored) {
                    // a client that fails to close must not hide the test's result
                }
            }
            mock.close();
            if (ownsProperty) {
                if (previousProperty == null) {
                    System.clearProperty(BASE_URL_PROPERTY);
                } else {
                    System.setProperty(BASE_URL_PROPERTY, previousProperty);
                }
            }
        }
    }
}
