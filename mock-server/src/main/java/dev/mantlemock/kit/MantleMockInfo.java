package dev.mantlemock.kit;

import dev.mantlemock.client.ExamplePrincipal;
import dev.mantlemock.client.ShortTermKeys;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where a test's mock listens and what to call it with: the base URL the SDKs take, the region, the
 * example credentials the mock knows, and fresh short-term bearer keys signed with them.
 */
public record MantleMockInfo(String baseUrl, int port, String region, String accessKeyId, String secretAccessKey) {

    static MantleMockInfo of(String baseUrl, int port) {
        return new MantleMockInfo(baseUrl, port, ExamplePrincipal.REGION, ExamplePrincipal.ACCESS_KEY_ID,
                ExamplePrincipal.SECRET_ACCESS_KEY);
    }

    /** The example credentials, for {@code BedrockMantleBackend.builder().awsCredentialsProvider(...)}. */
    public AwsCredentialsProvider credentials() {
        return ExamplePrincipal.credentials();
    }

    /** A short-term Bedrock API key valid for an hour, minted now as aws-bedrock-token-generator would. */
    public String shortTermKey() {
        return ShortTermKeys.forExamplePrincipal();
    }

    /** The admin API's root, {@code http://127.0.0.1:PORT/_mock}. */
    public String adminUrl() {
        return "http://127.0.0.1:" + port + "/_mock";
    }

    @Override
    public String toString() { // the secret stays out of logs and test names
        return "MantleMockInfo[baseUrl=" + baseUrl + ", region=" + region + ", accessKeyId=" + accessKeyId + "]";
    }
}
