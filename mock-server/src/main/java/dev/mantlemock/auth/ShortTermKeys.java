package dev.mantlemock.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mints short-term Bedrock API keys the way aws-bedrock-token-generator does: a POST to
 * {@code https://bedrock.amazonaws.com/?Action=CallWithBearerToken} presigned for service {@code bedrock},
 * scheme stripped, {@code &Version=1} appended, base64, prefixed {@code bedrock-api-key-}.
 */
public final class ShortTermKeys {
    private ShortTermKeys() {}

    public static String mint(String accessKeyId, String secret, String sessionToken, String region, Instant now, Duration expiry) {
        long seconds = expiry.toSeconds();
        if (seconds < 1 || seconds > AuthFacts.SHORT_TERM_MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("expiry must be between 1 and " + AuthFacts.SHORT_TERM_MAX_EXPIRES_SECONDS + " seconds");
        }
        String amzDate = AmzDate.format(now);
        CredentialScope scope = new CredentialScope(accessKeyId, amzDate.substring(0, 8), region, AuthFacts.BEDROCK_SERVICE, AuthFacts.TERMINATOR);
        // parameter order as the AWS Java SDK writes it, so our keys equal the token generator's byte for byte
        List<String> query = new ArrayList<>(List.of(
                "Action=" + AuthFacts.SHORT_TERM_ACTION,
                "X-Amz-Algorithm=" + AuthFacts.ALGORITHM,
                "X-Amz-Date=" + amzDate,
                "X-Amz-SignedHeaders=host",
                "X-Amz-Credential=" + UriEncoding.encode(accessKeyId + "/" + scope.scope(), false),
                "X-Amz-Expires=" + seconds));
        if (sessionToken != null && !sessionToken.isEmpty()) {
            query.add("X-Amz-Security-Token=" + UriEncoding.encode(sessionToken, false));
        }
        String rawQuery = String.join("&", query);
        String canonical = CanonicalRequest.build(AuthFacts.SHORT_TERM_METHOD, "/", rawQuery,
                Map.of(AuthFacts.H_HOST, List.of(AuthFacts.SHORT_TERM_HOST)), List.of(AuthFacts.H_HOST),
                AuthFacts.EMPTY_SHA256, true, Set.of());
        byte[] key = SigningKeys.derive(secret, scope.date(), region, AuthFacts.BEDROCK_SERVICE);
        String signature = SigningKeys.sign(key, StringToSign.build(amzDate, scope, canonical));
        String url = AuthFacts.SHORT_TERM_HOST + "/?" + rawQuery + "&X-Amz-Signature=" + signature + AuthFacts.SHORT_TERM_VERSION;
        return AuthFacts.SHORT_TERM_PREFIX + Base64.getEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }
}
