package dev.mantlemock.client;

import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where a client of Mantle finds its target and credentials, the way the official SDKs do: the real
 * endpoint of a region, a base URL from {@code ANTHROPIC_BEDROCK_MANTLE_BASE_URL}, a bearer key from
 * {@code AWS_BEARER_TOKEN_BEDROCK}, else IAM credentials from the default AWS chain; for the mock, the
 * example principal. Shared by the contract suite's and the load tests' target choice. The environment
 * is passed in, so a test can give one without touching the process's.
 */
public final class MantleTargets {
    public static final String BASE_URL_VARIABLE = "ANTHROPIC_BEDROCK_MANTLE_BASE_URL";
    public static final String BEARER_VARIABLE = "AWS_BEARER_TOKEN_BEDROCK";

    private MantleTargets() {}

    /** The real endpoint's base URL in a region (AWS "Claude in Amazon Bedrock"). */
    public static String realBaseUrl(String region) {
        return "https://bedrock-mantle." + region + ".api.aws/anthropic";
    }

    /**
     * The base URL this process is pointed at: the system property named like the variable first (what the
     * test kit sets, so tests need not touch the environment), then the variable.
     */
    public static Optional<String> baseUrl(Function<String, String> env) {
        return firstSet(System.getProperty(BASE_URL_VARIABLE), env.apply(BASE_URL_VARIABLE));
    }

    /** The Bedrock API key in {@code AWS_BEARER_TOKEN_BEDROCK}, which the SDKs prefer over IAM credentials. */
    public static Optional<String> bearerKey(Function<String, String> env) {
        return firstSet(env.apply(BEARER_VARIABLE));
    }

    /** The region: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, then the AWS chain (profile, instance). */
    public static Optional<String> region(Function<String, String> env) {
        Optional<String> set = firstSet(env.apply("AWS_REGION"), env.apply("AWS_DEFAULT_REGION"));
        if (set.isPresent()) {
            return set;
        }
        try {
            return Optional.of(new DefaultAwsRegionProviderChain().getRegion().id());
        } catch (RuntimeException none) {
            return Optional.empty();
        }
    }

    /** IAM credentials from the default AWS chain, if it yields any. */
    public static Optional<AwsCredentials> chainCredentials() {
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
            return Optional.of(chain.resolveCredentials());
        } catch (RuntimeException none) {
            return Optional.empty();
        }
    }

    /** SigV4 for a mock: the example principal it knows. */
    public static SigV4Signer mockSigner(String region) {
        return SigV4Signer.forMantle(ExamplePrincipal.credentials(), region, "the mock's example principal");
    }

    /** SigV4 for the real endpoint, with the default AWS chain resolved at each signature (credentials rotate). */
    public static SigV4Signer chainSigner(String region) {
        return SigV4Signer.forMantle(DefaultCredentialsProvider.builder().build(), region, "the default AWS credentials chain");
    }

    private static Optional<String> firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
