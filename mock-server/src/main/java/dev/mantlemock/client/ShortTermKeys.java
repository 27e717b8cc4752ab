package dev.mantlemock.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Mints short-term Bedrock API keys exactly as aws-bedrock-token-generator does, with the AWS SDK's own
 * signer: a POST to {@code https://bedrock.amazonaws.com/?Action=CallWithBearerToken} presigned for service
 * {@code bedrock}, scheme stripped, {@code &Version=1} appended, base64, prefixed {@code bedrock-api-key-}.
 * The one minter of the project: the mock's command-line minter, the test kit and the contract suite use it,
 * and the mock's verifier is tested against what it makes.
 */
public final class ShortTermKeys {
    /** The longest a short-term key may live: 12 hours (AWS "Generate Amazon Bedrock API keys"). */
    public static final long MAX_EXPIRES_SECONDS = 43_200;
    private static final String HOST = "bedrock.amazonaws.com";

    private ShortTermKeys() {}

    /** A key for the example principal, valid for an hour from now: what a test hands its client. */
    public static String forExamplePrincipal() {
        return mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, ExamplePrincipal.REGION,
                Instant.now(), Duration.ofHours(1));
    }

    /**
     * @param sessionToken null or empty for long-term credentials
     */
    public static String mint(String accessKeyId, String secret, String sessionToken, String region, Instant now, Duration expiry) {
        long seconds = expiry.toSeconds();
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("expiry must be between 1 and " + MAX_EXPIRES_SECONDS + " seconds");
        }
        AwsCredentialsIdentity identity = sessionToken == null || sessionToken.isEmpty()
                ? AwsCredentialsIdentity.create(accessKeyId, secret)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).protocol("https")
                .host(HOST).encodedPath("/").appendHeader("host", HOST)
                .putRawQueryParameter("Action", "CallWithBearerToken").build();
        String uri = AwsV4HttpSigner.create().sign(r -> r
                        .identity(identity).request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(seconds))
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)))
                .request().getUri().toString();
        String stripped = uri.substring("https://".length());
        return "bedrock-api-key-" + Base64.getEncoder().encodeToString((stripped + "&Version=1").getBytes(StandardCharsets.UTF_8));
    }
}
