package dev.mantlemock.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs with the AWS SDK's own SigV4 signer, as the official clients do, so whatever this signs is what
 * Bedrock would see from them. The one signer of the project: the recorder's upstream calls, the test kit,
 * the contract suite and the load tests all use it.
 */
public final class SigV4Signer implements RequestSigner {
    /** The SigV4 service name of the Mantle endpoint. */
    public static final String SERVICE = "bedrock-mantle";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final String service;
    private final Clock clock;
    private final String source;

    private SigV4Signer(AwsCredentialsProvider credentials, String region, String service, Clock clock, String source) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        this.clock = clock;
        this.source = source;
    }

    /** Signs for {@code bedrock-mantle} in {@code region}; {@code source} says where the credentials came from. */
    public static SigV4Signer forMantle(AwsCredentialsProvider credentials, String region, String source) {
        return new SigV4Signer(credentials, region, SERVICE, Clock.systemUTC(), source);
    }

    /** The same signer with another clock: a test signs in the past or the future on purpose. */
    public SigV4Signer at(Clock signingClock) {
        return new SigV4Signer(credentials, region, service, signingClock, source);
    }

    /** The same signer for another service name: a test signs for the wrong service on purpose. */
    public SigV4Signer forService(String serviceName) {
        return new SigV4Signer(credentials, region, serviceName, clock, source);
    }

    @Override
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request(method, uri, headers))
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> added = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> {
            // The HTTP client writes Host itself from the URL; the signature covers exactly that value.
            if (!name.equalsIgnoreCase("host") && headers.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                added.put(name, String.join(",", values));
            }
        });
        return added;
    }

    @Override
    public String describe() {
        return "SigV4 (" + service + ", " + region + ") with credentials from " + source;
    }

    public String region() {
        return region;
    }

    private static SdkHttpFullRequest request(String method, URI uri, Map<String, String> headers) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol(uri.getScheme())
                .host(uri.getHost())
                .encodedPath(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getPort() != -1) {
            request.port(uri.getPort());
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.putRawQueryParameter(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        headers.forEach(request::putHeader);
        return request.build();
    }

    /** The SDK takes query values unencoded and encodes them itself; '+' stays a plus, as in SigV4. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
