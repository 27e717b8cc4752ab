package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.time.Instant;

/**
 * A session token sent with a known key: in strict mode it must be one configured for it; in lenient mode
 * an unconfigured one passes (the signature already verified with the known secret, and the token was
 * signed), so the Claude-in-Amazon-Bedrock page's curl command works with any {@code $AWS_SESSION_TOKEN}.
 * A configured token is never accepted past its expiry.
 */
final class SessionTokens {
    private SessionTokens() {}

    static void check(PrincipalRegistry.KnownKey key, String token, Instant now, boolean strict) {
        if (token == null) {
            return; // long-term credentials
        }
        if (!key.sessionTokens().containsKey(token)) {
            if (strict) {
                throw ApiException.of(ApiError.INVALID_TOKEN);
            }
            return;
        }
        Instant expiry = key.sessionTokens().get(token);
        if (expiry != null && !now.isBefore(expiry)) {
            throw ApiException.of(ApiError.EXPIRED_TOKEN);
        }
    }

    /** When a configured session token expires; null for none, an unconfigured one or one without expiry. */
    static Instant expiry(PrincipalRegistry.KnownKey key, String token) {
        return token == null ? null : key.sessionTokens().get(token);
    }
}
