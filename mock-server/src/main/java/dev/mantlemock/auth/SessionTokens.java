package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.time.Instant;

/** A session token sent with a known key must be one configured for it, and not expired. */
final class SessionTokens {
    private SessionTokens() {}

    static void check(PrincipalRegistry.KnownKey key, String token, Instant now) {
        if (token == null) {
            return; // long-term credentials
        }
        if (!key.sessionTokens().containsKey(token)) {
            throw ApiException.of(ApiError.INVALID_TOKEN);
        }
        Instant expiry = key.sessionTokens().get(token);
        if (expiry != null && !now.isBefore(expiry)) {
            throw ApiException.of(ApiError.EXPIRED_TOKEN);
        }
    }
}
