package dev.mantlemock.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {
    private static final Clock AT = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private final SigV4Signer signer = SigV4Signer.forMantle(ExamplePrincipal.credentials(), "us-east-1", "the example").at(AT);

    @Test
    void signsForBedrockMantleInTheRegionWithTheExampleKey() {
        Map<String, String> added = signer.sign("POST", URI.create("http://127.0.0.1:8080/anthropic/v1/messages?beta=true"),
                Map.of("content-type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(added.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/us-east-1/bedrock-mantle/aws4_request")
                .contains("SignedHeaders=content-type;host;", "x-amz-date");
        assertThat(added).containsEntry("X-Amz-Date", "20261130T120000Z").doesNotContainKey("content-type").doesNotContainKey("Host");
    }

    @Test
    void theSignatureCoversTheBodyAndTheServiceName() {
        URI uri = URI.create("http://127.0.0.1:8080/anthropic/v1/messages");
        String one = signer.sign("POST", uri, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)).get("Authorization");
        String other = signer.sign("POST", uri, Map.of(), "{ }".getBytes(StandardCharsets.UTF_8)).get("Authorization");
        String bedrock = signer.forService("bedrock").sign("POST", uri, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)).get("Authorization");
        assertThat(one).isNotEqualTo(other);
        assertThat(bedrock).contains("/us-east-1/bedrock/aws4_request");
    }

    @Test
    void describesTheSchemeAndSourceButNeverTheSecret() {
        assertThat(signer.describe()).contains("bedrock-mantle", "the example").doesNotContain(ExamplePrincipal.SECRET_ACCESS_KEY);
    }
}
