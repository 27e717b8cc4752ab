package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ModelGrants;
import dev.mantlemock.domain.Principal;
import java.time.Instant;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer} / {@code x-api-key} values: configured static tokens
 * first, then short-term keys (presigned URL verified for service {@code bedrock}), long-term keys
 * (policy switch), and anything else by mode.
 */
public final class BearerKeyVerifier {
    private final AuthConfig config;
    private final PrincipalRegistry registry;
    private final PresignedUrlVerifier presigned;
    private final VerifiedKeys verified;

    public BearerKeyVerifier(AuthConfig config, PrincipalRegistry registry, SigningKeys signingKeys) {
        this(config, registry, signingKeys, new VerifiedKeys(VERIFIED_KEYS));
    }

    /** Short-term keys remembered at most: a few per test client, with room for a load test's many. */
    static final int VERIFIED_KEYS = 10_000;

    BearerKeyVerifier(AuthConfig config, PrincipalRegistry registry, SigningKeys signingKeys, VerifiedKeys verified) {
        this.config = config;
        this.verified = verified;
        this.registry = registry;
        SigV4Rules mantle = SigV4Rules.from(config);
        // short-term keys are presigned for service "bedrock" only, whatever the Mantle scope leniency says
        SigV4Rules bedrock = new SigV4Rules(mantle.region(), Set.of(AuthFacts.BEDROCK_SERVICE), mantle.maxSkew(), false, mantle.strict());
        this.presigned = new PresignedUrlVerifier(
                new PresignedUrlVerifier.Rules(bedrock, AuthFacts.SHORT_TERM_MAX_EXPIRES_SECONDS, Set.of("X-Amz-Signature", "Version")),
                registry, signingKeys);
    }

    public Principal verify(String token, Instant now) {
        if (token.isBlank()) {
            throw ApiException.of(ApiError.INVALID_BEARER);
        }
        PrincipalRegistry.StaticToken fixed = registry.staticToken(token);
        if (fixed != null) {
            if (fixed.expiresAt() != null && !now.isBefore(fixed.expiresAt())) {
                throw ApiException.of(ApiError.EXPIRED_TOKEN);
            }
            return fixed.principal();
        }
        Principal remembered = verified.principal(token, now);
        if (remembered != null) {
            return remembered;
        }
        BearerKey key = BearerKeyClassifier.classify(token);
        if (key instanceof BearerKey.ShortTerm shortTerm) {
            PresignedUrlVerifier.Verified ok = shortTerm(shortTerm.presignedUrl(), now);
            verified.remember(token, new VerifiedKeys.Entry(ok.principal(), ok.validFrom(), ok.validUntil()), now);
            return ok.principal();
        }
        if (key instanceof BearerKey.LongTerm longTerm) {
            Principal principal = new Principal(longTerm.user(), longTerm.accountId(), ModelGrants.ALL);
            if (!config.allowLongTermKeys) {
                throw ApiException.of(ApiError.EXPLICIT_DENY_LONG_TERM, principal.arn(), AuthFacts.CALL_WITH_BEARER_TOKEN_ACTION);
            }
            return passIfLenient(principal);
        }
        if (key instanceof BearerKey.Malformed malformed) {
            throw ApiException.of(ApiError.MALFORMED_SHORT_TERM, malformed.reason());
        }
        return passIfLenient(LenientPrincipals.forBearer(token));
    }

    private PresignedUrlVerifier.Verified shortTerm(String decodedUrl, Instant now) {
        String url = decodedUrl.substring(0, decodedUrl.length() - AuthFacts.SHORT_TERM_VERSION.length());
        PresignedUrl presignedUrl = PresignedUrl.parse(AuthFacts.SHORT_TERM_METHOD, url);
        if (!AuthFacts.SHORT_TERM_HOST.equals(presignedUrl.host())) {
            throw ApiException.of(ApiError.MALFORMED_SHORT_TERM, "host is not " + AuthFacts.SHORT_TERM_HOST);
        }
        if (!AuthFacts.SHORT_TERM_ACTION.equals(presignedUrl.params().get("Action"))) {
            throw ApiException.of(ApiError.MALFORMED_SHORT_TERM, "Action is not " + AuthFacts.SHORT_TERM_ACTION);
        }
        return presigned.verify(presignedUrl, now);
    }

    private Principal passIfLenient(Principal principal) {
        if (config.mode == AuthMode.STRICT) {
            throw ApiException.of(ApiError.INVALID_BEARER);
        }
        return principal;
    }
}
