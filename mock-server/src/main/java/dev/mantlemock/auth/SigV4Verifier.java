package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Principal;
import dev.mantlemock.domain.HttpRequestView;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Verifies a header-signed SigV4 request ({@code Authorization: AWS4-HMAC-SHA256 ...}) as an AWS
 * front end does: shape, scope, timestamp and skew, signed-header set, payload hash, then (for keys the
 * mock knows) the signature itself and the session token.
 */
public final class SigV4Verifier {
    private final SigV4Rules rules;
    private final PrincipalRegistry registry;
    private final SigningKeys signingKeys;

    public SigV4Verifier(SigV4Rules rules, PrincipalRegistry registry, SigningKeys signingKeys) {
        this.rules = rules;
        this.registry = registry;
        this.signingKeys = signingKeys;
    }

    public Principal verify(HttpRequestView request, Instant now) {
        AuthorizationHeader auth = AuthorizationHeader.parse(request.header(AuthFacts.H_AUTHORIZATION));
        CredentialScope scope = auth.credential();
        rules.checkScope(scope);

        String amzDate = request.header(AuthFacts.H_DATE);
        if (amzDate == null) {
            throw ApiException.of(ApiError.MISSING_DATE);
        }
        Instant signedAt = AmzDate.parse(amzDate);
        SigV4Rules.checkScopeDate(scope, amzDate);
        checkSignedHeaderSet(auth.signedHeaders(), request);
        AmzDate.checkSkew(amzDate, signedAt, now, rules.maxSkew());

        String payloadHash = Hashing.sha256Hex(request.body());
        String declared = request.header(AuthFacts.H_CONTENT_SHA256);
        if (declared != null && !declared.strip().equals(payloadHash)) {
            throw ApiException.of(ApiError.CONTENT_SHA256_MISMATCH);
        }
        String canonical = CanonicalRequest.build(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), auth.signedHeaders(), payloadHash, true, Set.of());

        PrincipalRegistry.KnownKey key = registry.key(scope.accessKeyId());
        if (key == null) {
            if (rules.strict()) {
                throw ApiException.of(ApiError.INVALID_TOKEN);
            }
            return LenientPrincipals.forAccessKey(scope.accessKeyId());
        }
        String stringToSign = StringToSign.build(amzDate, scope, canonical);
        String expected = SigningKeys.sign(signingKeys.signingKey(key.accessKeyId(), key.secret(), scope), stringToSign);
        if (!Hashing.sameHex(expected, auth.signature())) {
            throw rules.debugMismatch()
                    ? ApiException.of(ApiError.SIGNATURE_MISMATCH_DEBUG, canonical, stringToSign)
                    : ApiException.of(ApiError.SIGNATURE_MISMATCH);
        }
        SessionTokens.check(key, request.header(AuthFacts.H_SECURITY_TOKEN), now, rules.strict());
        return key.principal();
    }

    /** host and x-amz-date must be signed, and so must a session token that is sent. */
    private static void checkSignedHeaderSet(List<String> signed, HttpRequestView request) {
        if (!signed.contains(AuthFacts.H_HOST)) {
            throw ApiException.of(ApiError.MUST_SIGN, "Host");
        }
        if (!signed.contains(AuthFacts.H_DATE)) {
            throw ApiException.of(ApiError.MUST_SIGN, "X-Amz-Date");
        }
        if (request.header(AuthFacts.H_SECURITY_TOKEN) != null && !signed.contains(AuthFacts.H_SECURITY_TOKEN)) {
            throw ApiException.of(ApiError.MUST_SIGN, "X-Amz-Security-Token");
        }
        for (String name : signed) {
            List<String> values = request.headers().get(name);
            if (values == null || values.isEmpty()) {
                throw ApiException.of(ApiError.SIGNED_HEADER_ABSENT, name);
            }
        }
    }
}
