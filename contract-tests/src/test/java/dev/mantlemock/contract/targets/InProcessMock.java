package dev.mantlemock.contract.targets;

import dev.mantlemock.client.ExamplePrincipal;
import dev.mantlemock.client.ShortTermKeys;
import dev.mantlemock.contract.Fixtures;
import dev.mantlemock.contract.Target;
import dev.mantlemock.kit.MantleMock;
import dev.mantlemock.kit.MantleMockOptions;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The mock started in this JVM on a free port by the test kit ({@code MantleMock}), as CI runs it: strict authentication with the default
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
        MantleMock mock = MantleMock.start(MantleMockOptions.defaults()
                .auth("strict") // CI catches signing bugs only if the mock really checks
                .fixtures(Fixtures.dir())
                .configure(c -> c.region = REGION));
        return new RunningTarget(forMockAt("mock", mock.baseUrl(), ACCESS_KEY_ID, SECRET, REGION, MODEL), mock);
    }

    /** A mock reached at {@code baseUrl} with a principal it knows; the bearer key is minted from it. */
    public static Target forMockAt(String name, String baseUrl, String accessKeyId, String secret, String region, String model) {
        String key = ShortTermKeys.mint(accessKeyId, secret, null, region, Instant.now(), Duration.ofHours(12));
        return new Target(name, baseUrl, model, region, AwsBasicCredentials.create(accessKeyId, secret), key, true, null, 0);
    }
}
