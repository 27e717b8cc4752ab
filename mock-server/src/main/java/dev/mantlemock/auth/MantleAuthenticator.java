package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Principal;
import dev.mantlemock.domain.HttpRequestView;
import java.time.Instant;
import java.util.Locale;

/**
 * Mantle's front door: {@code x-api-key} (wins when both are sent), {@code Authorization: Bearer}, or
 * {@code Authorization: AWS4-HMAC-SHA256}. In {@code off} mode everyone is the anonymous principal.
 */
public final class MantleAuthenticator implements RequestAuthenticator {
    private static final int SIGNING_KEY_CACHE_ENTRIES = 1024;

    private final AuthMode mode;
    private final SigV4Verifier sigV4;
    private final BearerKeyVerifier bearer;

    public MantleAuthenticator(AuthConfig config) {
        this.mode = config.mode;
        PrincipalRegistry registry = new PrincipalRegistry(config);
        SigningKeys keys = new SigningKeys(SIGNING_KEY_CACHE_ENTRIES);
        this.sigV4 = new SigV4Verifier(SigV4Rules.from(config), registry, keys);
        this.bearer = new BearerKeyVerifier(config, registry, keys);
    }

    @Override
    public Principal authenticate(HttpRequestView request, Instant now) {
        if (mode == AuthMode.OFF) {
            return Principal.anonymous();
        }
        String apiKey = request.header(AuthFacts.H_API_KEY);
        if (apiKey != null) {
            return bearer.verify(apiKey.strip(), now);
        }
        String authorization = request.header(AuthFacts.H_AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.of(ApiError.MISSING_AUTHENTICATION);
        }
        if (authorization.length() >= 7 && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return bearer.verify(authorization.substring(7).strip(), now);
        }
        if (AuthorizationHeader.isSigV4(authorization)) {
            return sigV4.verify(request, now);
        }
        throw ApiException.of(ApiError.MALFORMED_AUTHORIZATION);
    }
}
