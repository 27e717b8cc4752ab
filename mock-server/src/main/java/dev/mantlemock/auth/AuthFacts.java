package dev.mantlemock.auth;

import java.time.Duration;

/**
 * The facts authentication depends on, in one place: names, limits and the wording of every error.
 * Error texts follow what AWS services answer (contract reference, sections 7.2 and 7.3) so that a
 * user searching for a message finds the same advice as for the real endpoint.
 */
public final class AuthFacts {
    private AuthFacts() {}

    // --- SigV4 vocabulary
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String TERMINATOR = "aws4_request";
    public static final String MANTLE_SERVICE = "bedrock-mantle";
    /** Live report: scope service {@code bedrock} was accepted by Mantle too (config switch, off by default). */
    public static final String BEDROCK_SERVICE = "bedrock";
    public static final String DEFAULT_REGION = "us-east-1";
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

    // --- Default principal: the documented AWS example credentials
    public static final String EXAMPLE_ACCESS_KEY = "AKIDEXAMPLE";
    public static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public static final String EXAMPLE_ACCOUNT = "123456789012";

    // --- 401 texts
    public static final String MISSING_AUTHENTICATION = "Missing Authentication Token";
    public static final String MISSING_PARAMETER = "Authorization header requires '%s' parameter.";
    public static final String MALFORMED_AUTHORIZATION =
            "Authorization header is malformed: expected 'AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...' or 'Bearer <key>'.";
    public static final String MALFORMED_CREDENTIAL =
            "Credential is malformed: expected '<access key>/<YYYYMMDD>/<region>/<service>/aws4_request', got %d parts.";
    public static final String MALFORMED_SIGNATURE = "Signature must be 64 lower-case hexadecimal characters.";
    public static final String MISSING_DATE = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
    public static final String BAD_DATE_FORMAT =
            "Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601";
    public static final String SCOPE_DATE_MISMATCH =
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.";
    public static final String WRONG_REGION = "Credential should be scoped to a valid region, not '%s'.";
    public static final String WRONG_SERVICE = "Credential should be scoped to correct service: '%s'.";
    public static final String WRONG_TERMINATOR = "Credential should be scoped with a valid terminator: 'aws4_request', not '%s'.";
    public static final String MUST_SIGN = "'%s' must be a 'SignedHeader' in the AWS Authorization.";
    public static final String SIGNED_HEADER_ABSENT = "Header '%s' is listed in SignedHeaders but is not present in the request.";
    public static final String SIGNED_HEADERS_NOT_SORTED = "SignedHeaders must be lower-case, unique and sorted: '%s'.";
    public static final String CONTENT_SHA256_MISMATCH =
            "The provided 'x-amz-content-sha256' header does not match what was computed.";
    public static final String SIGNATURE_EXPIRED = "Signature expired: %s is now earlier than %s (%s - %d min.)";
    public static final String SIGNATURE_NOT_YET_CURRENT = "Signature not yet current: %s is still later than %s (%s + %d min.)";
    public static final String SIGNATURE_MISMATCH =
            "The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    public static final String DEBUG_CANONICAL = "\n\nThe Canonical String for this request should have been\n'%s'\n\nThe String-to-Sign should have been\n'%s'\n";
    public static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    public static final String EXPIRED_TOKEN = "The security token included in the request is expired";
    public static final String INVALID_BEARER = "Invalid bearer token";
    public static final String MALFORMED_SHORT_TERM = "Invalid bearer token: the short-term Bedrock API key is malformed (%s).";
    public static final String SHORT_TERM_TOO_LONG =
            "Invalid bearer token: X-Amz-Expires must be between 1 and " + SHORT_TERM_MAX_EXPIRES_SECONDS + " seconds, got '%s'.";
    public static final String SHORT_TERM_EXPIRED = "Bearer token expired: %s is now later than %s (%s + %d s).";
    public static final String UNKNOWN_KEY_STRICT = INVALID_TOKEN;

    // --- 403 texts
    public static final String NOT_AUTHORIZED = "User: %s is not authorized to perform: %s on resource: %s";
    public static final String EXPLICIT_DENY_LONG_TERM =
            "User: %s is not authorized to perform: " + CALL_WITH_BEARER_TOKEN_ACTION
                    + " with an explicit deny in an identity-based policy (long-term Bedrock API keys are not allowed; use a short-term key)";
}
