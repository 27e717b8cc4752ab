package dev.mantlemock.auth;

import dev.mantlemock.client.ExamplePrincipal;
import dev.mantlemock.domain.Principal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.domain.HttpRequestView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Requests generated at random and signed by the AWS SDK's AwsV4HttpSigner: the verifier accepts every one. */
class SdkSignerOracleTest {
    private static final String[] PATH_PIECES = {"anthropic", "v1", "messages", "count_tokens", "a%20b", "x%3A0", "%E1%88%B4", "model.id", "~tilde", "a-b_c"};
    private static final String[] QUERY_CHARS = {"a", "Z", "9", " ", "+", "=", "&", "/", ":", "ሴ", "~", "*", "%"};
    private static final String[] HEADER_VALUES = {"application/json", "  padded  value ", "a   b\tc", "2023-06-01", "x,y", "\"quoted  text\""};

    private final SigV4Verifier verifier = new SigV4Verifier(
            new SigV4Rules("us-east-1", Set.of("bedrock-mantle"), Duration.ofMinutes(5), true, true),
            new PrincipalRegistry(new AuthConfig()), new SigningKeys(16));

    @Test
    void acceptsEveryRandomRequestTheSdkSigned() {
        Random random = new Random(20261125);
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        for (int i = 0; i < 300; i++) {
            HttpRequestView request = randomSignedRequest(random, at.plusSeconds(i * 977L));
            Principal principal = verifier.verify(request, at.plusSeconds(i * 977L + random.nextInt(240)));
            assertThat(principal.id()).as("request %d: %s %s?%s", i, request.method(), request.rawPath(), request.rawQuery())
                    .isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
        }
    }

    private static HttpRequestView randomSignedRequest(Random random, Instant at) {
        StringBuilder path = new StringBuilder();
        for (int s = 0, n = 1 + random.nextInt(4); s < n; s++) {
            path.append('/').append(PATH_PIECES[random.nextInt(PATH_PIECES.length)]);
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (int q = 0, n = random.nextInt(4); q < n; q++) {
            query.put(randomText(random, 1 + random.nextInt(5)), randomText(random, random.nextInt(6)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int h = 0, n = random.nextInt(4); h < n; h++) {
            headers.put("X-Custom-" + (char) ('A' + random.nextInt(26)), HEADER_VALUES[random.nextInt(HEADER_VALUES.length)]);
        }
        byte[] body = randomText(random, random.nextInt(200)).getBytes(StandardCharsets.UTF_8);
        String method = random.nextBoolean() ? "POST" : "GET";
        return OracleSigner.sign(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-east-1", "bedrock-mantle",
                at, method, path.toString(), query, headers, body);
    }

    private static String randomText(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(QUERY_CHARS[random.nextInt(QUERY_CHARS.length)]);
        }
        return s.toString();
    }
}
