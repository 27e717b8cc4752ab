package dev.mantlemock.load;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs each request for {@code bedrock-mantle} with the AWS SDK's own signer, as the official
 * clients do, so a load run exercises real SigV4 (and its cost) against the mock and the real endpoint alike.
 */
public final class SigV4Signer implements RequestSigner {
    public static final String SERVICE = "bedrock-mantle";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final String source;

    public SigV4Signer(AwsCredentialsProvider credentials, String region, String source) {
        this.credentials = credentials;
        this.region = region;
        this.source = source;
    }

    @Override
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        Map<String, String> added = new HashMap<>();
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            // The HTTP client writes Host itself from the URL; the signature covers exactly that value.
            if (!h.getKey().equalsIgnoreCase("host") && !headers.containsKey(h.getKey())) {
                added.put(h.getKey(), h.getValue().get(0));
            }
        }
        return added;
    }

    @Override
    public String describe() {
        return "SigV4 (" + SERVICE + ", " + region + ") with credentials from " + source;
    }
}
