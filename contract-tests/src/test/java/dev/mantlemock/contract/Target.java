package dev.mantlemock.contract;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Where the suite sends its requests and with which credentials. {@link #toString()} never shows a
 * secret, a session token or a key, because targets end up in logs and reports.
 *
 * @param name                a label for reports: {@code mock}, {@code url}, {@code live}, {@code mutant:...}
 * @param baseUrl             what the SDK takes as base URL, ending in {@code /anthropic}
 * @param sigV4               IAM credentials, or null when the target is reached with a bearer key only
 * @param bearerKey           a Bedrock API key, or null
 * @param answersFromFixtures the target is a mock loaded with {@code fixtures/}, so mock-only contracts apply
 * @param unavailable         why nothing can be asked of this target (no credentials, no model), or null
 * @param maxRetries          SDK retries: 0 against a mock so each contract sees exactly one answer
 */
public record Target(String name, String baseUrl, String model, String region, AwsCredentials sigV4, String bearerKey,
                     boolean answersFromFixtures, String unavailable, int maxRetries) {

    public static Target unavailable(String name, String reason) {
        return new Target(name, "", "", "", null, null, false, reason, 0);
    }

    public Target withBaseUrl(String name, String otherBaseUrl) {
        return new Target(name, otherBaseUrl, model, region, sigV4, bearerKey, answersFromFixtures, unavailable, maxRetries);
    }

    public boolean hasSigV4() {
        return sigV4 != null;
    }

    public boolean hasBearerKey() {
        return bearerKey != null && !bearerKey.isBlank();
    }

    public Optional<String> sessionToken() {
        return sigV4 instanceof AwsSessionCredentials s ? Optional.of(s.sessionToken()) : Optional.empty();
    }

    @Override
    public String toString() {
        return name + " (" + baseUrl + ", model " + model + ", region " + region + ", auth "
                + (hasSigV4() ? "sigv4 " + sigV4.accessKeyId().substring(0, Math.min(4, sigV4.accessKeyId().length())) + "…" : "")
                + (hasSigV4() && hasBearerKey() ? " + " : "") + (hasBearerKey() ? "bearer key" : "") + ")";
    }
}
