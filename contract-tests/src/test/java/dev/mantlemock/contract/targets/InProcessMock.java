package dev.mantlemock.contract.targets;

import dev.mantlemock.auth.AuthConfig;
import dev.mantlemock.auth.AuthMode;
import dev.mantlemock.client.ExamplePrincipal;
import dev.mantlemock.client.ShortTermKeys;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.contract.Fixtures;
import dev.mantlemock.contract.Target;
import dev.mantlemock.server.MockServer;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The mock started in this JVM on a free port, as CI runs it: strict authentication with the default
 * principal (the AWS documentation's example key), answering from {@code fixtures/}.
 */
public final class InProcessMock {
    public static final String MODEL = "anthropic.claude-haiku-4-5";
    /** The default principal every mock knows (client.ExamplePrincipal, the AWS documentation's example key). */
    public static final String ACCESS_KEY_ID = ExamplePrincipal.ACCESS_KEY_ID;
    public static final String SECRET = ExamplePrincipal.SECRET_ACCESS_KEY;
    public static final String REGION = ExamplePrincipal.REGION;

    private InProcessMock() {}

    public static RunningTarget start() {
        MockConfig config = new MockConfig();
        config.port = 0;
        config.region = REGION;
        config.fixtures = Fixtures.dir().toString();
        config.auth = new AuthConfig();
        config.auth.mode = AuthMode.STRICT; // CI catches signing bugs only if the mock really checks
        MockServer server = MockServer.start(config);
        return new RunningTarget(forMockAt("mock", server.baseUrl(), ACCESS_KEY_ID, SECRET, REGION, MODEL), server);
    }

    /** A mock reached at {@code baseUrl} with a principal it knows; the bearer key is minted from it. */
    public static Target forMockAt(String name, String baseUrl, String accessKeyId, String secret, String region, String model) {
        String key = ShortTermKeys.mint(accessKeyId, secret, null, region, Instant.now(), Duration.ofHours(12));
        return new Target(name, baseUrl, model, region, AwsBasicCredentials.create(accessKeyId, secret), key, true, null, 0);
    }
}
