package dev.mantlemock.upstream;

import dev.mantlemock.client.RequestSigner;
import dev.mantlemock.client.SigV4Signer;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The user's own credentials for the upstream: the client's signature covers the mock's host and cannot
 * be forwarded, so every request is signed again. As the official SDKs choose: a bearer key in
 * {@code AWS_BEARER_TOKEN_BEDROCK} wins, else SigV4 with the AWS default credential chain.
 */
public final class UpstreamSigner {
    public static final String BEARER_ENV = "AWS_BEARER_TOKEN_BEDROCK";

    private UpstreamSigner() {}

    /**
     * @param injected credentials handed in by an in-process user (a test); null for the environment's
     * @param env      the environment, where {@link #BEARER_ENV} is looked up
     */
    public static RequestSigner choose(String region, AwsCredentialsProvider injected, Map<String, String> env) {
        if (injected != null) {
            return SigV4Signer.forMantle(injected, region, "the credentials provider given in process");
        }
        String bearer = env.get(BEARER_ENV);
        if (bearer != null && !bearer.isBlank()) {
            return RequestSigner.bearer(bearer.trim(), BEARER_ENV);
        }
        return SigV4Signer.forMantle(DefaultCredentialsProvider.builder().build(), region, "the AWS default credential chain");
    }
}
