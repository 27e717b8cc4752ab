package dev.mantlemock.contract.targets;

import dev.mantlemock.client.MantleTargets;
import dev.mantlemock.client.ShortTermKeys;
import dev.mantlemock.contract.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Chooses the target from {@code -Dcontract.target} or {@code CONTRACT_TARGET}: {@code mock} (default),
 * {@code url} or {@code live}. A target that lacks what it needs comes back unavailable with the
 * reason, so its contracts are reported as skipped, never as passed.
 */
public final class Targets {
    public static final String DEFAULT_MODEL = InProcessMock.MODEL;

    private final Function<String, String> env;

    Targets(Function<String, String> env) {
        this.env = env;
    }

    public static RunningTarget fromEnvironment() {
        return new Targets(System::getenv).choose(System.getProperty("contract.target"));
    }

    RunningTarget choose(String property) {
        String kind = firstSet(property, env.apply("CONTRACT_TARGET"), "mock").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "mock" -> InProcessMock.start();
            case "url" -> new RunningTarget(url(), () -> {});
            case "live" -> new RunningTarget(live(), () -> {});
            default -> throw new IllegalArgumentException("contract.target must be mock, url or live, not '" + kind + "'");
        };
    }

    /** A mock already running elsewhere, e.g. the jar or a container started by the CI job. */
    Target url() {
        String baseUrl = env.apply("CONTRACT_BASE_URL");
        if (baseUrl == null || baseUrl.isBlank()) {
            return Target.unavailable("url", "set CONTRACT_BASE_URL to the mock's base URL, e.g. http://127.0.0.1:8080/anthropic");
        }
        return InProcessMock.forMockAt("url", stripSlash(baseUrl),
                firstSet(env.apply("CONTRACT_ACCESS_KEY_ID"), InProcessMock.ACCESS_KEY_ID),
                firstSet(env.apply("CONTRACT_SECRET_ACCESS_KEY"), InProcessMock.SECRET),
                firstSet(env.apply("CONTRACT_REGION"), InProcessMock.REGION),
                firstSet(env.apply("CONTRACT_MODEL"), DEFAULT_MODEL));
    }

    /** The real endpoint: region and IAM credentials from the standard AWS chain, or a Bedrock API key. */
    Target live() {
        String model = env.apply("CONTRACT_MODEL");
        if (model == null || model.isBlank()) {
            return Target.unavailable("live", "set CONTRACT_MODEL to a model id your account may call, e.g. anthropic.claude-haiku-4-5");
        }
        String region = firstSet(env.apply("CONTRACT_REGION"), MantleTargets.region(env).orElse(null));
        if (region == null) {
            return Target.unavailable("live", "no AWS region: set AWS_REGION (or CONTRACT_REGION)");
        }
        String baseUrl = MantleTargets.realBaseUrl(region);
        String bearer = MantleTargets.bearerKey(env).orElse(null);
        AwsCredentials credentials = MantleTargets.chainCredentials().orElse(null);
        if (credentials == null && (bearer == null || bearer.isBlank())) {
            return new Target("live", baseUrl, model, region, null, null, false,
                    "no live credentials: neither the AWS credential chain nor AWS_BEARER_TOKEN_BEDROCK gave any", 0);
        }
        if ((bearer == null || bearer.isBlank()) && credentials != null) {
            // The same short-term key aws-bedrock-token-generator makes, so bearer contracts run too.
            bearer = ShortTermKeys.mint(credentials.accessKeyId(), credentials.secretAccessKey(),
                    credentials instanceof AwsSessionCredentials s ? s.sessionToken() : null, region, Instant.now(), Duration.ofHours(1));
        }
        // Two retries, as the SDK default: a live 529 should not read as drift.
        return new Target("live", baseUrl, model, region, credentials, bearer, false, null, 2);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
