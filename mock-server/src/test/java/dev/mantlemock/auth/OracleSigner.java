package dev.mantlemock.auth;

import dev.mantlemock.domain.HttpRequestView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The AWS SDK's own SigV4 signer, used as an oracle: what it signs, the verifier must accept. */
final class OracleSigner {
    static final String HOST = "127.0.0.1";
    static final int PORT = 8123;

    private OracleSigner() {}

    /** A Mantle-like request; {@code headers} are added before signing, {@code rawQuery} pairs are unencoded. */
    static HttpRequestView sign(String accessKeyId, String secret, String sessionToken, String region, String service,
                                Instant at, String method, String encodedPath, Map<String, String> rawQuery,
                                Map<String, String> headers, byte[] body) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method)).protocol("http").host(HOST).port(PORT).encodedPath(encodedPath);
        rawQuery.forEach(builder::putRawQueryParameter);
        headers.forEach(builder::putHeader);
        SdkHttpFullRequest request = builder.build();
        AwsCredentialsIdentity identity = sessionToken == null
                ? AwsCredentialsIdentity.create(accessKeyId, secret)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return view(signed.request(), body);
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

    static HttpRequestView view(SdkHttpRequest request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.forEachHeader((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        if (!headers.containsKey("host")) { // the SDK signs Host but leaves it for the HTTP client to send
            headers.put("host", List.of(HOST + ":" + PORT));
        }
        return new HttpRequestView(request.method().name(), request.encodedPath(),
                request.encodedQueryParameters().orElse(""), headers, body);
    }
}
