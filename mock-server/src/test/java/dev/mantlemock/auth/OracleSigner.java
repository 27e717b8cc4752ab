package dev.mantlemock.auth;

import dev.mantlemock.client.SigV4Signer;
import dev.mantlemock.domain.HttpRequestView;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The project's SigV4 signer ({@code client.SigV4Signer}, which is the AWS SDK's own {@code AwsV4HttpSigner}),
 * used as an oracle: what it signs, the verifier must accept. Independent of the verifier's code.
 */
final class OracleSigner {
    static final String HOST = "127.0.0.1";
    static final int PORT = 8123;

    private OracleSigner() {}

    /** A Mantle-like request; {@code headers} are added before signing, {@code rawQuery} pairs are unencoded. */
    static HttpRequestView sign(String accessKeyId, String secret, String sessionToken, String region, String service,
                                Instant at, String method, String encodedPath, Map<String, String> rawQuery,
                                Map<String, String> headers, byte[] body) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(sessionToken == null
                ? AwsBasicCredentials.create(accessKeyId, secret)
                : AwsSessionCredentials.create(accessKeyId, secret, sessionToken));
        String query = rawQuery.entrySet().stream()
                .map(e -> SdkHttpUtils.urlEncode(e.getKey()) + "=" + SdkHttpUtils.urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create("http://" + HOST + ":" + PORT + encodedPath + (query.isEmpty() ? "" : "?" + query));
        Map<String, String> added = SigV4Signer.forMantle(credentials, region, "the oracle").forService(service)
                .at(Clock.fixed(at, ZoneOffset.UTC)).sign(method, uri, headers, body);
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, value) -> all.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value));
        added.forEach((name, value) -> all.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value));
        all.put("host", List.of(HOST + ":" + PORT)); // the signer covers Host and leaves it for the HTTP client to send
        return new HttpRequestView(method, encodedPath, query, all, body);
    }

    static HttpRequestView mantle(String accessKeyId, String secret, String sessionToken, Instant at, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("anthropic-version", "2023-06-01");
        headers.put("X-Stainless-Retry-Count", "0");
        return sign(accessKeyId, secret, sessionToken, "us-east-1", "bedrock-mantle", at, "POST",
                "/anthropic/v1/messages", Map.of("beta", "true"), headers, body);
    }
}
