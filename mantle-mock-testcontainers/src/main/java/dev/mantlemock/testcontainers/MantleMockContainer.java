package dev.mantlemock.testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The Mantle mock's image in a Testcontainers test, in the style of WireMock's and MockServer's modules:
 * <pre>{@code
 * @Container
 * static MantleMockContainer mock = new MantleMockContainer("mantle-mock:local").withAdminToken("t");
 * ... BedrockMantleBackend.builder().apiKey("k").baseUrl(mock.getAnthropicBaseUrl()) ...
 * }</pre>
 * It waits for an HTTP 200 on the health route, not for the port: a listening port is not a ready mock,
 * and loaded CI hosts start containers many times slower than a laptop. Everything is configured through
 * the image's {@code MANTLE_MOCK_} variables (docs/configuration.md), so a flag passed with
 * {@link #withCommand} still wins.
 */
public class MantleMockContainer extends GenericContainer<MantleMockContainer> {
    /** The port the mock listens on inside the container. */
    public static final int PORT = 8080;
    /** System property, then environment variable, naming a prebuilt image for {@link #MantleMockContainer()}. */
    public static final String IMAGE_PROPERTY = "mantlemock.image";
    public static final String IMAGE_VARIABLE = "MANTLE_MOCK_IMAGE";
    /** How long a start may take: the image builds nothing at start, but a loaded CI host is slow. */
    public static final Duration STARTUP_CEILING = Duration.ofMinutes(3);

    static final String FIXTURES_DIR = "/fixtures";
    static final String CONFIG_FILE = "/config/mock.yaml";

    /** The auth modes of docs/auth.md. */
    public enum AuthMode { STRICT, LENIENT, OFF }

    private String adminToken;

    /**
     * The image {@code -Dmantlemock.image} or {@code MANTLE_MOCK_IMAGE} names; without either, the image is
     * built from the project's {@code Dockerfile}, found in the working directory or one above it.
     */
    public MantleMockContainer() {
        this(ImageChoice.configured());
    }

    /** A prebuilt image, e.g. {@code mantle-mock:local} from {@code docker build -t mantle-mock:local .}. */
    public MantleMockContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public MantleMockContainer(DockerImageName image) {
        super(image);
        configureDefaults();
    }

    private MantleMockContainer(Future<String> image) {
        super(image);
        configureDefaults();
    }

    private MantleMockContainer(ImageChoice choice) {
        super(choice.image());
        configureDefaults();
    }

    /**
     * The image built from the project's {@code Dockerfile} under {@code projectRoot}, with its build
     * arguments ({@code BUILD_IMAGE}, {@code RUNTIME_IMAGE}) as given: empty for the public defaults.
     * Only the files the image is built from are sent to the engine.
     */
    public static MantleMockContainer fromDockerfile(Path projectRoot, Map<String, String> buildArgs) {
        return new MantleMockContainer(dockerfileImage(projectRoot, buildArgs));
    }

    static ImageFromDockerfile dockerfileImage(Path projectRoot, Map<String, String> buildArgs) {
        Path root = projectRoot.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("Dockerfile")) || !Files.isDirectory(root.resolve("mock-server"))) {
            throw new IllegalArgumentException(root + " is not the Mantle mock's project root (no Dockerfile and mock-server/)");
        }
        // Kept after the test (not deleted on exit), so the next build reuses its layers.
        ImageFromDockerfile image = new ImageFromDockerfile("mantle-mock-testcontainers:dockerfile", false);
        for (String file : new String[] {"Dockerfile", "pom.xml", ".mvn", "fixtures", "mock-server/pom.xml", "mock-server/src",
                "docker/healthcheck.sh"}) {
            image.withFileFromPath(file, root.resolve(file));
        }
        buildArgs.forEach(image::withBuildArg);
        return image;
    }

    private void configureDefaults() {
        addExposedPort(PORT);
        waitingFor(Wait.forHttp("/_mock/health").forPort(PORT).forStatusCode(200).withStartupTimeout(STARTUP_CEILING));
    }

    /** Fixture files from this directory (copied in) instead of the shipped ones (docs/fixtures.md). */
    public MantleMockContainer withFixtures(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("withFixtures needs a directory of fixture files, not " + directory);
        }
        withCopyFileToContainer(MountableFile.forHostPath(directory), FIXTURES_DIR);
        return withEnv("MANTLE_MOCK_FIXTURES", FIXTURES_DIR);
    }

    /** A YAML or JSON config file (docs/configuration.md), copied in; variables and flags override it. */
    public MantleMockContainer withConfig(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("withConfig needs a config file, not " + file);
        }
        withCopyFileToContainer(MountableFile.forHostPath(file), CONFIG_FILE);
        return withEnv("MANTLE_MOCK_CONFIG", CONFIG_FILE);
    }

    public MantleMockContainer withAuthMode(AuthMode mode) {
        return withEnv("MANTLE_MOCK_AUTH_MODE", mode.name().toLowerCase(Locale.ROOT));
    }

    /** Input and output tokens per minute, per account and model (docs/quotas.md). */
    public MantleMockContainer withQuota(long inputTokensPerMinute, long outputTokensPerMinute) {
        withEnv("MANTLE_MOCK_INPUT_TPM", Long.toString(inputTokensPerMinute));
        return withEnv("MANTLE_MOCK_OUTPUT_TPM", Long.toString(outputTokensPerMinute));
    }

    /** Token quotas and a requests-per-minute quota (0: none, the default). */
    public MantleMockContainer withQuota(long inputTokensPerMinute, long outputTokensPerMinute, long requestsPerMinute) {
        withQuota(inputTokensPerMinute, outputTokensPerMinute);
        return withEnv("MANTLE_MOCK_RPM", Long.toString(requestsPerMinute));
    }

    /**
     * Opens the admin API ({@link #getAdminUrl()}): bound to every interface in its container, the mock
     * keeps it off until it has a token, sent as {@code Authorization: Bearer} or {@code x-mock-admin-token}.
     */
    public MantleMockContainer withAdminToken(String token) {
        this.adminToken = token;
        return withEnv("MANTLE_MOCK_ADMIN_TOKEN", token);
    }

    public String getAdminToken() {
        return adminToken;
    }

    /** What the SDKs take as base URL, or {@code ANTHROPIC_BEDROCK_MANTLE_BASE_URL}: {@code http://host:port/anthropic}. */
    public String getAnthropicBaseUrl() {
        return getBaseUrl() + "/anthropic";
    }

    /** The admin API's root: {@code http://host:port/_mock} (health, requests, quotas, faults, reset). */
    public String getAdminUrl() {
        return getBaseUrl() + "/_mock";
    }

    private String getBaseUrl() {
        String host = getHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + getMappedPort(PORT);
    }
}
