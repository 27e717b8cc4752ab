package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} header.
 * Parsing checks shape only; whether the scope fits this endpoint is the verifier's business.
 */
public record AuthorizationHeader(CredentialScope credential, List<String> signedHeaders, String signature) {

    static boolean isSigV4(String authorization) {
        return authorization != null && authorization.startsWith(AuthFacts.ALGORITHM + " ");
    }

    static AuthorizationHeader parse(String authorization) {
        if (!isSigV4(authorization)) {
            throw ApiException.of(ApiError.MALFORMED_AUTHORIZATION);
        }
        Map<String, String> params = new HashMap<>();
        for (String part : authorization.substring(AuthFacts.ALGORITHM.length() + 1).split(",")) {
            String trimmed = part.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw ApiException.of(ApiError.MALFORMED_AUTHORIZATION);
            }
            params.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        String credential = require(params, "Credential");
        String signedHeaders = require(params, "SignedHeaders");
        String signature = require(params, "Signature");
        if (!isLowerHex64(signature)) {
            throw ApiException.of(ApiError.MALFORMED_SIGNATURE);
        }
        return new AuthorizationHeader(CredentialScope.parse(credential), parseSignedHeaders(signedHeaders), signature);
    }

    /** The list must be as a signer writes it: lower case, sorted, unique. Anything else cannot match. */
    static List<String> parseSignedHeaders(String value) {
        List<String> names = List.of(value.split(";", -1));
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            boolean ordered = i == 0 || names.get(i - 1).compareTo(n) < 0;
            if (n.isEmpty() || !n.equals(n.toLowerCase(java.util.Locale.ROOT)) || !ordered) {
                throw ApiException.of(ApiError.SIGNED_HEADERS_NOT_SORTED, value);
            }
        }
        return names;
    }

    /** {@code [0-9a-f]{64}}, checked by hand on the hot path. */
    static boolean isLowerHex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String require(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw ApiException.of(ApiError.MISSING_PARAMETER, name);
        }
        return v;
    }

    @Override
    public String toString() { // never print the signature
        return "AuthorizationHeader[" + credential.accessKeyId() + "/" + credential.scope() + ", " + signedHeaders + "]";
    }
}
