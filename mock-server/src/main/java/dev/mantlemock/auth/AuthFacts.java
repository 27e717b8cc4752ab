package dev.mantlemock.auth;

import java.time.Duration;

/**
 * The facts authentication depends on, in one place: names, header names and limits. The wording of
 * its errors (AWS's, contract reference sections 7.2 and 7.3) is in the catalogue, {@code domain.ApiError}.
 */
public final class AuthFacts {
    private AuthFacts() {}

    // --- SigV4 vocabulary
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String TERMINATOR = "aws4_request";
    public static final String MANTLE_SERVICE = dev.mantlemock.client.SigV4Signer.SERVICE;
    /** Live report: scope service {@code bedrock} was accepted by Mantle too (config switch, off by default). */
    public static final String BEDROCK_SERVICE = "bedrock";
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);

    // --- Header names (lower case, as HttpRequestView keys them)
    public static final String H_AUTHORIZATION = "authorization";
    public static final String H_API_KEY = "x-api-key";
    public static final String H_DATE = "x-amz-date";
    public static final String H_HOST = "host";
    public static final String H_CONTENT_SHA256 = "x-amz-content-sha256";
    public static final String H_SECURITY_TOKEN = "x-amz-security-token";

    // --- Bedrock API keys (aws-bedrock-token-generator for Java, Python and JS agree on these)
    public static final String SHORT_TERM_PREFIX = "bedrock-api-key-";
    public static final String SHORT_TERM_HOST = "bedrock.amazonaws.com";
    public static final String SHORT_TERM_ACTION = "CallWithBearerToken";
    public static final String SHORT_TERM_VERSION = "&Version=1";
    public static final String SHORT_TERM_METHOD = "POST";
    public static final long SHORT_TERM_MAX_EXPIRES_SECONDS = 43_200; // 12 hours
    /** Long-term keys: "ABSK" + base64("BedrockAPIKey-<id>-at-<account>:<secret>"). */
    public static final String LONG_TERM_PREFIX = "ABSK";
    public static final String LONG_TERM_USER_PREFIX = "BedrockAPIKey-";
    public static final String CALL_WITH_BEARER_TOKEN_ACTION = "bedrock:CallWithBearerToken";

    // The default principal (the AWS documentation's example key pair) is client.ExamplePrincipal.
}
