package dev.mantlemock.testing;

import dev.mantlemock.auth.AuthConfig;
import dev.mantlemock.auth.AuthMode;
import dev.mantlemock.config.MockConfig;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The stand-in for Bedrock in record and compare tests: a second mock in {@code strict} auth mode whose
 * only principal is one the recorder is given and the test's client is not, so an answer through the
 * recorder proves it signed the request again with its own credentials.
 */
public final class StrictUpstream {
    public static final String ACCESS_KEY_ID = "AKIDUPSTREAMONLY";
    public static final String SECRET = "upstream-secret-the-client-never-has";
    /** Shared by upstream and replay mocks, so thinking signatures recorded from one verify on the other. */
    public static final String SIGNING_KEY = "record-replay-test-signing-key";

    private StrictUpstream() {}

    public static RunningMock start(Consumer<MockConfig> more) {
        return RunningMock.start(c -> {
            c.auth.mode = AuthMode.STRICT;
            AuthConfig.PrincipalConfig only = new AuthConfig.PrincipalConfig();
            only.accessKeyId = ACCESS_KEY_ID;
            only.secretAccessKey = SECRET;
            c.auth.principals = new java.util.ArrayList<>(List.of(only));
            c.thinking.signingKey = SIGNING_KEY;
            more.accept(c);
        });
    }

    /** A mock that records every request from {@code url} into {@code dir}, signing with {@link #credentials}. */
    public static Consumer<MockConfig> recordingFrom(String url, java.nio.file.Path dir) {
        return c -> {
            c.record.from = url;
            c.record.region = "us-east-1";
            c.record.dir = dir.toString();
            c.upstreamCredentials = credentials();
        };
    }

    /** A mock that compares every request with {@code url}, its drift log at {@code driftLog}. */
    public static Consumer<MockConfig> comparingWith(String url, java.nio.file.Path driftLog) {
        return c -> {
            c.compare.with = url;
            c.compare.region = "us-east-1";
            c.compare.driftLog = driftLog.toString();
            c.upstreamCredentials = credentials();
        };
    }

    /** What the recorder (or comparer) signs with: the upstream's one principal. */
    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET));
    }
}
