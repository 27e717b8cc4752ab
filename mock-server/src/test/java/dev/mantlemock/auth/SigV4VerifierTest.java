package dev.mantlemock.auth;

import dev.mantlemock.client.ExamplePrincipal;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.Principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.domain.HttpRequestView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The verifier's answers, case by case, in the words AWS uses. */
class SigV4VerifierTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private static final byte[] BODY = "{\"model\":\"anthropic.claude-opus-4-7\"}".getBytes(StandardCharsets.UTF_8);

    private static SigV4Verifier verifier(AuthConfig config) {
        return new SigV4Verifier(SigV4Rules.from(config), new PrincipalRegistry(config), new SigningKeys(16));
    }

    private static AuthConfig config(AuthMode mode) {
        AuthConfig c = new AuthConfig();
        c.mode = mode;
        return c;
    }

    private static HttpRequestView signed(String akid, String secret, String token, String region, String service, Instant at) {
        return OracleSigner.sign(akid, secret, token, region, service, at, "POST", "/anthropic/v1/messages", Map.of(),
                Map.of("Content-Type", "application/json"), BODY);
    }

    private static AuthConfig.SessionTokenConfig sessionToken(String token, String expiresAt) {
        AuthConfig.SessionTokenConfig t = new AuthConfig.SessionTokenConfig();
        t.token = token;
        t.expiresAt = expiresAt;
        return t;
    }

    private static HttpRequestView example(Instant at) {
        return signed(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-east-1", "bedrock-mantle", at);
    }

    @Test
    void rejectsASignatureFromTheWrongRegion() {
        HttpRequestView r = signed(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-west-2", "bedrock-mantle", AT);
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(r, AT))
                .hasMessageStartingWith("Credential should be scoped to a valid region, not 'us-west-2'.") // AWS's sentence first
                .hasMessageContaining("This mock answers for 'us-east-1'; start it with --region us-west-2");
    }

    @Test
    void acceptsTheConfiguredRegion() {
        AuthConfig c = config(AuthMode.STRICT);
        c.region = "us-west-2";
        HttpRequestView r = signed(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-west-2", "bedrock-mantle", AT);
        assertThat(verifier(c).verify(r, AT).accountId()).isEqualTo("123456789012");
    }

    @Test
    void rejectsTheWrongServiceInAwsWords() {
        HttpRequestView r = signed(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-east-1", "mantle", AT);
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(r, AT))
                .hasMessage("Credential should be scoped to correct service: 'bedrock-mantle'.");
    }

    @Test
    void acceptsServiceBedrockOnlyWhenSwitchedOn() {
        HttpRequestView r = signed(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-east-1", "bedrock", AT);
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(r, AT)).hasMessageContaining("correct service");
        AuthConfig lenientScope = config(AuthMode.STRICT);
        lenientScope.acceptBedrockServiceScope = true;
        assertThat(verifier(lenientScope).verify(r, AT).id()).isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
    }

    @Test
    void rejectsAClockSkewedIntoThePastWithTheAwsMessage() {
        HttpRequestView r = example(Instant.parse("2016-06-10T18:05:47Z"));
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(r, Instant.parse("2016-06-10T18:11:12Z")))
                .hasMessage("Signature expired: 20160610T180547Z is now earlier than 20160610T180612Z (20160610T181112Z - 5 min.)");
    }

    @Test
    void rejectsAClockSkewedIntoTheFuture() {
        HttpRequestView r = example(AT.plusSeconds(301));
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(r, AT))
                .hasMessage("Signature not yet current: 20261125T100501Z is still later than 20261125T100500Z (20261125T100000Z + 5 min.)");
    }

    @Test
    void acceptsSkewOfExactlyTheLimitAndHonoursAConfiguredLimit() {
        assertThat(verifier(config(AuthMode.STRICT)).verify(example(AT.minusSeconds(300)), AT)).isNotNull();
        AuthConfig tight = config(AuthMode.STRICT);
        tight.maxClockSkewSeconds = 60;
        assertThatThrownBy(() -> verifier(tight).verify(example(AT.minusSeconds(61)), AT)).hasMessageContaining("(20261125T100000Z - 1 min.)");
    }

    @Test
    void rejectsAPayloadThatDoesNotMatchItsDeclaredHash() {
        HttpRequestView r = Requests.withBody(example(AT), "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(r, AT)).hasMessage(ApiError.CONTENT_SHA256_MISMATCH.format());
    }

    @Test
    void rejectsARequestWithoutHostInSignedHeaders() {
        HttpRequestView r = SigV4MutationTest.authorization(example(AT), "host;", "");
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(r, AT))
                .hasMessage("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void rejectsAMissingXAmzDate() {
        HttpRequestView r = Requests.withoutHeader(example(AT), "x-amz-date");
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(r, AT)).hasMessage(ApiError.MISSING_DATE.format());
    }

    @Test
    void rejectsAScopeDateThatIsNotTheSigningDay() {
        HttpRequestView r = SigV4MutationTest.authorization(example(AT), "/20261125/", "/20261124/");
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(r, AT))
                .hasMessage("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261124' != '20261125', from '20261125T100000Z'.");
    }

    @Test
    void rejectsAnAuthorizationHeaderWithoutSignature() {
        HttpRequestView r = Requests.withHeader(example(AT), "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/bedrock-mantle/aws4_request, SignedHeaders=host;x-amz-date");
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(r, AT))
                .hasMessage("Authorization header requires 'Signature' parameter.");
    }

    @Test
    void explainsAMismatchWithCanonicalRequestAndStringToSignWhenDebugIsOn() {
        AuthConfig debug = config(AuthMode.STRICT);
        debug.debugSignatureMismatch = true;
        HttpRequestView r = Requests.withPath(example(AT), "/anthropic/v1/messages/count_tokens");
        assertThatThrownBy(() -> verifier(debug).verify(r, AT))
                .hasMessageStartingWith(ApiError.SIGNATURE_MISMATCH.format())
                .hasMessageContaining("The Canonical String for this request should have been\n'POST\n/anthropic/v1/messages/count_tokens\n")
                .hasMessageContaining("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20261125T100000Z\n20261125/us-east-1/bedrock-mantle/aws4_request\n")
                .message().doesNotContain(ExamplePrincipal.SECRET_ACCESS_KEY);
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(r, AT)).hasMessage(ApiError.SIGNATURE_MISMATCH.format());
    }

    @Test
    void lenientModePassesAnUnknownKeyThatPassesEveryCheckNeedingNoSecret() {
        HttpRequestView r = signed("ASIAREALDEVELOPERKEY", "unknowable", "FwoGZXIvYXdzEXAMPLE", "us-east-1", "bedrock-mantle", AT);
        Principal p = verifier(config(AuthMode.LENIENT)).verify(r, AT);
        assertThat(p.id()).isEqualTo("ASIAREALDEVELOPERKEY");
        assertThat(p.accountId()).isEqualTo(Principal.DEFAULT_ACCOUNT);
    }

    @Test
    void lenientModeStillRejectsAnUnknownKeyWithAWrongRegionSkewOrPayload() {
        SigV4Verifier lenient = verifier(config(AuthMode.LENIENT));
        HttpRequestView region = signed("ASIAREALDEVELOPERKEY", "unknowable", null, "eu-west-1", "bedrock-mantle", AT);
        HttpRequestView skew = signed("ASIAREALDEVELOPERKEY", "unknowable", null, "us-east-1", "bedrock-mantle", AT.minusSeconds(600));
        HttpRequestView payload = Requests.withBody(signed("ASIAREALDEVELOPERKEY", "unknowable", null, "us-east-1", "bedrock-mantle", AT), new byte[] {1});
        assertThatThrownBy(() -> lenient.verify(region, AT)).hasMessageContaining("valid region");
        assertThatThrownBy(() -> lenient.verify(skew, AT)).hasMessageStartingWith("Signature expired");
        assertThatThrownBy(() -> lenient.verify(payload, AT)).hasMessage(ApiError.CONTENT_SHA256_MISMATCH.format());
    }

    @Test
    void lenientModeFullyVerifiesAKnownKey() {
        HttpRequestView r = SigV4MutationTest.flipSignature(example(AT));
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(r, AT)).hasMessage(ApiError.SIGNATURE_MISMATCH.format());
    }

    @Test
    void strictModeRejectsAnUnknownKey() {
        HttpRequestView r = signed("AKIDNOBODYKNOWS", "x", null, "us-east-1", "bedrock-mantle", AT);
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(r, AT)).hasMessage(ApiError.INVALID_TOKEN.format());
    }

    @Test
    void checksSessionTokensOfKnownKeys() {
        AuthConfig c = config(AuthMode.STRICT);
        AuthConfig.PrincipalConfig temp = new AuthConfig.PrincipalConfig();
        temp.accessKeyId = "ASIATEMPORARY";
        temp.secretAccessKey = "temporary-secret";
        temp.accountId = "210987654321";
        temp.sessionTokens = List.of(sessionToken("live-token", "2026-11-25T11:00:00Z"), sessionToken("old-token", "2026-11-25T09:00:00Z"));
        c.principals = List.of(temp);
        SigV4Verifier v = verifier(c);

        assertThat(v.verify(signed("ASIATEMPORARY", "temporary-secret", "live-token", "us-east-1", "bedrock-mantle", AT), AT).accountId())
                .isEqualTo("210987654321");
        assertThatThrownBy(() -> v.verify(signed("ASIATEMPORARY", "temporary-secret", "old-token", "us-east-1", "bedrock-mantle", AT), AT))
                .hasMessage(ApiError.EXPIRED_TOKEN.format());
        assertThatThrownBy(() -> v.verify(signed("ASIATEMPORARY", "temporary-secret", "forged", "us-east-1", "bedrock-mantle", AT), AT))
                .hasMessage(ApiError.INVALID_TOKEN.format());
    }

    @Test
    void lenientModeAcceptsAnUnknownButSignedSessionTokenOnAKnownKeyYetNotAnExpiredOne() {
        AuthConfig c = config(AuthMode.LENIENT);
        c.principals.get(0).sessionTokens = List.of(sessionToken("old-token", "2026-11-25T09:00:00Z"));
        SigV4Verifier v = verifier(c);

        assertThat(v.verify(signed(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, "any-sts-token", "us-east-1", "bedrock-mantle", AT), AT).id())
                .isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
        assertThatThrownBy(() -> v.verify(signed(ExamplePrincipal.ACCESS_KEY_ID, "wrong-secret", "any-sts-token", "us-east-1", "bedrock-mantle", AT), AT))
                .hasMessage(ApiError.SIGNATURE_MISMATCH.format());
        assertThatThrownBy(() -> v.verify(signed(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, "old-token", "us-east-1", "bedrock-mantle", AT), AT))
                .hasMessage(ApiError.EXPIRED_TOKEN.format());
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(
                signed(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, "any-sts-token", "us-east-1", "bedrock-mantle", AT), AT))
                .hasMessage(ApiError.INVALID_TOKEN.format());
    }

    @Test
    void signsHostAsReceivedWithItsPort() {
        HttpRequestView r = example(AT);
        assertThat(r.header("host")).isEqualTo("127.0.0.1:8123");
        HttpRequestView portless = Requests.withHeader(r, "host", "127.0.0.1");
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(portless, AT)).hasMessage(ApiError.SIGNATURE_MISMATCH.format());
    }

    @Test
    void cachesOneSigningKeyPerKeyDayRegionAndServiceWithinItsBound() {
        SigningKeys keys = new SigningKeys(2);
        CredentialScope day1 = new CredentialScope("AKIDEXAMPLE", "20261125", "us-east-1", "bedrock-mantle", "aws4_request");
        CredentialScope day2 = new CredentialScope("AKIDEXAMPLE", "20261126", "us-east-1", "bedrock-mantle", "aws4_request");
        CredentialScope day3 = new CredentialScope("AKIDEXAMPLE", "20261127", "us-east-1", "bedrock-mantle", "aws4_request");
        byte[] first = keys.signingKey("AKIDEXAMPLE", "s", day1);
        assertThat(keys.signingKey("AKIDEXAMPLE", "s", day1)).isSameAs(first);
        assertThat(keys.signingKey("AKIDEXAMPLE", "changed", day1)).isNotEqualTo(first);
        keys.signingKey("AKIDEXAMPLE", "s", day2);
        keys.signingKey("AKIDEXAMPLE", "s", day3);
        assertThat(keys.size()).isEqualTo(2);
        assertThat(Set.of(Hashing.hex(first))).doesNotContain(Hashing.hex(keys.signingKey("AKIDEXAMPLE", "s", day2)));
    }

    @Test
    void neverPrintsTheSignatureOfAParsedHeader() {
        String signature = "a".repeat(64);
        AuthorizationHeader h = AuthorizationHeader.parse("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/bedrock-mantle/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature);
        assertThat(h.toString()).doesNotContain(signature);
        assertThat(Duration.ofMinutes(5)).isEqualTo(AuthFacts.DEFAULT_MAX_SKEW);
    }
}
