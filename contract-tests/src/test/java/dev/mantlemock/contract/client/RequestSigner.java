package dev.mantlemock.contract.client;

import dev.mantlemock.contract.Target;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs raw requests with the AWS SDK's own SigV4 signer (service {@code bedrock-mantle}), so the only
 * thing a contract changes on purpose is what it means to test, e.g. the clock.
 */
final class RequestSigner {
    static final String SERVICE = "bedrock-mantle";

    private RequestSigner() {}

    static Map<String, String> sign(Target target, Clock clock, String method, URI uri, Map<String, String> headers, byte[] body) {
        if (!target.hasSigV4()) {
            throw new dev.mantlemock.contract.ContractSkipped("this check signs requests itself and the target has no IAM credentials");
        }
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol(uri.getScheme())
                .host(uri.getHost())
                .encodedPath(uri.getRawPath());
        if (uri.getPort() != -1) {
            request.port(uri.getPort());
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.putRawQueryParameter(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        headers.forEach(request::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(target.sigV4())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, target.region())
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.request().forEachHeader((name, values) -> out.put(name, String.join(",", values)));
        return out;
    }
}
