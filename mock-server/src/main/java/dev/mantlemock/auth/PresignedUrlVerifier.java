package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies a SigV4 presigned URL (query-string signing), the form a short-term Bedrock API key wraps.
 * Signers disagree on the payload hash of a presigned request (botocore: UNSIGNED-PAYLOAD; smithy and
 * the AWS Java SDK: hash of the body, empty for a token), so both are tried, as either verifies at AWS.
 */
public final class PresignedUrlVerifier {
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");

    /** What this kind of presigned URL must look like. */
    public record Rules(SigV4Rules scope, long maxExpiresSeconds, Set<String> unsignedParams) {}

    /**
     * The checked URL: who signed it, and the window in which the same URL passes again: from its signing
     * time less the allowed skew until the earlier of its expiry and its session token's.
     */
    public record Verified(Principal principal, Instant validFrom, Instant validUntil) {}

    private final Rules rules;
    private final PrincipalRegistry registry;
    private final SigningKeys signingKeys;

    public PresignedUrlVerifier(Rules rules, PrincipalRegistry registry, SigningKeys signingKeys) {
        this.rules = rules;
        this.registry = registry;
        this.signingKeys = signingKeys;
    }

    public Verified verify(PresignedUrl url, Instant now) {
        Map<String, String> p = url.params();
        String algorithm = require(p, "X-Amz-Algorithm");
        if (!AuthFacts.ALGORITHM.equals(algorithm)) {
            throw ApiException.of(ApiError.MALFORMED_SHORT_TERM, "X-Amz-Algorithm is not " + AuthFacts.ALGORITHM);
        }
        CredentialScope scope = CredentialScope.parse(require(p, "X-Amz-Credential"));
        rules.scope().checkScope(scope);
        String amzDate = require(p, "X-Amz-Date");
        Instant signedAt = AmzDate.parse(amzDate);
        SigV4Rules.checkScopeDate(scope, amzDate);
        long expires = expires(require(p, "X-Amz-Expires"));
        List<String> signedHeaders = AuthorizationHeader.parseSignedHeaders(require(p, "X-Amz-SignedHeaders"));
        if (!signedHeaders.contains(AuthFacts.H_HOST)) {
            throw ApiException.of(ApiError.MUST_SIGN, "Host");
        }
        String signature = require(p, "X-Amz-Signature");
        if (!SIGNATURE.matcher(signature).matches()) {
            throw ApiException.of(ApiError.MALFORMED_SIGNATURE);
        }
        Instant expiresAt = signedAt.plusSeconds(expires);
        checkTime(amzDate, signedAt, expiresAt, expires, now);

        PrincipalRegistry.KnownKey key = registry.key(scope.accessKeyId());
        if (key == null) {
            if (rules.scope().strict()) {
                throw ApiException.of(ApiError.INVALID_TOKEN);
            }
            return new Verified(LenientPrincipals.forAccessKey(scope.accessKeyId()), validFrom(signedAt), expiresAt);
        }
        byte[] signingKey = signingKeys.signingKey(key.accessKeyId(), key.secret(), scope);
        if (!matchesAnyPayloadHash(url, signedHeaders, scope, amzDate, signingKey, signature)) {
            throw ApiException.of(ApiError.SIGNATURE_MISMATCH);
        }
        String sessionToken = p.get("X-Amz-Security-Token");
        SessionTokens.check(key, sessionToken, now, rules.scope().strict());
        Instant tokenExpiry = SessionTokens.expiry(key, sessionToken);
        Instant until = tokenExpiry != null && tokenExpiry.isBefore(expiresAt) ? tokenExpiry : expiresAt;
        return new Verified(key.principal(), validFrom(signedAt), until);
    }

    private Instant validFrom(Instant signedAt) {
        return signedAt.minus(rules.scope().maxSkew());
    }

    private boolean matchesAnyPayloadHash(PresignedUrl url, List<String> signedHeaders, CredentialScope scope,
                                          String amzDate, byte[] signingKey, String signature) {
        boolean match = false;
        for (String payloadHash : List.of(Hashing.sha256Hex(url.body()), AuthFacts.UNSIGNED_PAYLOAD)) { // no early exit: same work whichever matches
            String canonical = CanonicalRequest.build(url.method(), url.rawPath(), url.rawQuery(), url.headers(),
                    signedHeaders, payloadHash, true, rules.unsignedParams());
            String expected = SigningKeys.sign(signingKey, StringToSign.build(amzDate, scope, canonical));
            match |= Hashing.sameHex(expected, signature);
        }
        return match;
    }

    private long expires(String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.of(ApiError.SHORT_TERM_TOO_LONG, rules.maxExpiresSeconds(), value);
        }
        if (seconds < 1 || seconds > rules.maxExpiresSeconds()) {
            throw ApiException.of(ApiError.SHORT_TERM_TOO_LONG, rules.maxExpiresSeconds(), value);
        }
        return seconds;
    }

    private void checkTime(String amzDate, Instant signedAt, Instant expiresAt, long expires, Instant now) {
        Duration skew = rules.scope().maxSkew();
        if (signedAt.isAfter(now.plus(skew))) {
            throw ApiException.of(ApiError.SIGNATURE_NOT_YET_CURRENT,
                    amzDate, AmzDate.format(now.plus(skew)), AmzDate.format(now), skew.toMinutes());
        }
        if (now.isAfter(expiresAt)) {
            throw ApiException.of(ApiError.SHORT_TERM_EXPIRED, AmzDate.format(now), AmzDate.format(expiresAt), amzDate, expires);
        }
    }

    private static String require(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw ApiException.of(ApiError.MALFORMED_SHORT_TERM, "missing " + name);
        }
        return v;
    }
}
