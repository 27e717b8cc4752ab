package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a signature must be scoped to here, and how strict to be. Built from {@link AuthConfig}; tests
 * build it directly to run the AWS vectors (service {@code service}).
 *
 * @param services the accepted scope services, the first one named in errors
 * @param strict   unknown access keys are refused rather than passed on checks that need no secret
 */
public record SigV4Rules(String region, Set<String> services, Duration maxSkew, boolean debugMismatch, boolean strict) {

    public static SigV4Rules from(AuthConfig config) {
        Set<String> services = new LinkedHashSet<>();
        services.add(AuthFacts.MANTLE_SERVICE);
        if (config.acceptBedrockServiceScope) {
            services.add(AuthFacts.BEDROCK_SERVICE);
        }
        return new SigV4Rules(config.region, services, Duration.ofSeconds(config.maxClockSkewSeconds),
                config.debugSignatureMismatch, config.mode == AuthMode.STRICT);
    }

    /** The scope checks that need no secret: terminator, service, region. */
    void checkScope(CredentialScope scope) {
        if (!AuthFacts.TERMINATOR.equals(scope.terminator())) {
            throw ApiException.of(ApiError.WRONG_TERMINATOR, scope.terminator());
        }
        if (!services.contains(scope.service())) {
            throw ApiException.of(ApiError.WRONG_SERVICE, services.iterator().next());
        }
        if (!region.equals(scope.region())) {
            throw ApiException.of(ApiError.WRONG_REGION, scope.region(), region, scope.region());
        }
    }

    /** The scope's date must be the day of the signing timestamp. */
    static void checkScopeDate(CredentialScope scope, String amzDate) {
        if (!amzDate.startsWith(scope.date())) {
            throw ApiException.of(ApiError.SCOPE_DATE_MISMATCH, scope.date(), amzDate.substring(0, 8), amzDate);
        }
    }
}
