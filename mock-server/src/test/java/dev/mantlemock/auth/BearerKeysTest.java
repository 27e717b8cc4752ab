package dev.mantlemock.auth;

import dev.mantlemock.client.ShortTermKeys;

import dev.mantlemock.client.ExamplePrincipal;
import dev.mantlemock.domain.Principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Short-term, long-term, static and opaque bearer keys. */
class BearerKeysTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    private static BearerKeyVerifier verifier(AuthConfig config) {
        return new BearerKeyVerifier(config, new PrincipalRegistry(config), new SigningKeys(16));
    }

    private static AuthConfig config(AuthMode mode) {
        AuthConfig c = new AuthConfig();
        c.mode = mode;
        return c;
    }

    /** What aws-bedrock-token-generator-java does, with the AWS SDK's signer (client.ShortTermKeys): the oracle for our verifier. */
    static String mintedByTheAwsSdk(String akid, String secret, String region, Instant at, Duration expiry) {
        return ShortTermKeys.mint(akid, secret, null, region, at, expiry);
    }

    private static String longTermKey(String user, String account) {
        return "ABSK" + Base64.getEncoder().encodeToString((user + "-at-" + account + ":c2VjcmV0LW5vdC1yZWFs").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAShortTermKeyMintedByTheAwsSdkTheWayTheTokenGeneratorDoes() {
        String token = mintedByTheAwsSdk(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, "us-east-1", AT, Duration.ofHours(12));
        assertThat(BearerKeyClassifier.classify(token)).isInstanceOf(BearerKey.ShortTerm.class);
        assertThat(verifier(config(AuthMode.STRICT)).verify(token, AT.plusSeconds(3600)).id()).isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
    }

    @Test
    void acceptsAShortTermKeyFromOurOwnMinterWithAndWithoutSessionToken() {
        AuthConfig c = config(AuthMode.STRICT);
        AuthConfig.SessionTokenConfig t = new AuthConfig.SessionTokenConfig();
        t.token = "session/token+with=odd chars";
        c.principals.get(0).sessionTokens = List.of(t);
        BearerKeyVerifier v = verifier(c);
        assertThat(v.verify(ShortTermKeys.mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-east-1", AT, Duration.ofHours(1)), AT).id())
                .isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
        assertThat(v.verify(ShortTermKeys.mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, t.token, "us-east-1", AT, Duration.ofHours(1)), AT).id())
                .isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
        assertThatThrownBy(() -> v.verify(ShortTermKeys.mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, "forged", "us-east-1", AT, Duration.ofHours(1)), AT))
                .hasMessage(ApiError.INVALID_TOKEN.format());
    }

    @Test
    void aVerifiedShortTermKeyIsRememberedButStillRefusedTheMomentItExpires() {
        VerifiedKeys remembered = new VerifiedKeys(16);
        BearerKeyVerifier v = new BearerKeyVerifier(config(AuthMode.STRICT), new PrincipalRegistry(config(AuthMode.STRICT)), new SigningKeys(16), remembered);
        String token = mintedByTheAwsSdk(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, "us-east-1", AT, Duration.ofHours(1));

        assertThat(v.verify(token, AT).id()).isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
        assertThat(remembered.size()).isEqualTo(1);
        assertThat(v.verify(token, AT.plusSeconds(3599)).id()).isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
        assertThatThrownBy(() -> v.verify(token, AT.plusSeconds(3601)))
                .hasMessage("Bearer token expired: 20261125T110001Z is now later than 20261125T110000Z (20261125T100000Z + 3600 s).");
    }

    @Test
    void aRememberedKeyIsNotTakenForAMomentBeforeItWasCurrent() {
        VerifiedKeys remembered = new VerifiedKeys(16);
        BearerKeyVerifier v = new BearerKeyVerifier(config(AuthMode.STRICT), new PrincipalRegistry(config(AuthMode.STRICT)), new SigningKeys(16), remembered);
        String token = mintedByTheAwsSdk(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, "us-east-1", AT, Duration.ofHours(1));
        v.verify(token, AT);

        assertThatThrownBy(() -> v.verify(token, AT.minus(Duration.ofHours(1)))) // a test clock set back
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.AUTHENTICATION);
    }

    @Test
    void aKeyWhoseSignatureFailsIsNeverRemembered() {
        VerifiedKeys remembered = new VerifiedKeys(16);
        BearerKeyVerifier v = new BearerKeyVerifier(config(AuthMode.STRICT), new PrincipalRegistry(config(AuthMode.STRICT)), new SigningKeys(16), remembered);
        String forged = mintedByTheAwsSdk(ExamplePrincipal.ACCESS_KEY_ID, "not-the-secret", "us-east-1", AT, Duration.ofHours(1));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> v.verify(forged, AT)).hasMessage(ApiError.SIGNATURE_MISMATCH.format());
        }
        assertThat(remembered.size()).isZero();
    }

    @Test
    void aKeyIsRememberedOnlyUntilItsSessionTokenExpires() {
        AuthConfig c = config(AuthMode.STRICT);
        AuthConfig.SessionTokenConfig t = new AuthConfig.SessionTokenConfig();
        t.token = "session-token";
        t.expiresAt = AT.plusSeconds(600).toString();
        c.principals.get(0).sessionTokens = List.of(t);
        BearerKeyVerifier v = new BearerKeyVerifier(c, new PrincipalRegistry(c), new SigningKeys(16), new VerifiedKeys(16));
        String token = ShortTermKeys.mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, t.token, "us-east-1", AT, Duration.ofHours(1));

        assertThat(v.verify(token, AT).id()).isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
        assertThatThrownBy(() -> v.verify(token, AT.plusSeconds(600))).hasMessage(ApiError.EXPIRED_TOKEN.format());
    }

    @Test
    void theRememberedKeysAreBoundedHoweverManyAreSent() {
        VerifiedKeys remembered = new VerifiedKeys(3);
        BearerKeyVerifier v = new BearerKeyVerifier(config(AuthMode.LENIENT), new PrincipalRegistry(config(AuthMode.LENIENT)), new SigningKeys(16), remembered);
        for (int i = 0; i < 20; i++) {
            v.verify(mintedByTheAwsSdk(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, "us-east-1", AT.plusSeconds(i), Duration.ofHours(1)), AT.plusSeconds(i));
            assertThat(remembered.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void rejectsAnExpiredShortTermKey() {
        String token = mintedByTheAwsSdk(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, "us-east-1", AT, Duration.ofHours(1));
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(token, AT.plusSeconds(3601)))
                .hasMessage("Bearer token expired: 20261125T110001Z is now later than 20261125T110000Z (20261125T100000Z + 3600 s).");
    }

    @Test
    void rejectsAShortTermKeyLongerThanTwelveHoursEvenForAnUnknownKeyInLenientMode() {
        String token = tamperedUrl(ShortTermKeys.mint("AKIDUNKNOWN", "x", null, "us-east-1", AT, Duration.ofHours(12)),
                "X-Amz-Expires=43200", "X-Amz-Expires=43201");
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(token, AT))
                .hasMessageContaining("X-Amz-Expires must be between 1 and 43200 seconds, got '43201'");
    }

    @Test
    void rejectsAShortTermKeyForAnotherRegionOrService() {
        String west = ShortTermKeys.mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-west-2", AT, Duration.ofHours(1));
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(west, AT)).hasMessageContaining("not 'us-west-2'");
        String mantle = tamperedUrl(ShortTermKeys.mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-east-1", AT, Duration.ofHours(1)),
                "%2Fbedrock%2F", "%2Fbedrock-mantle%2F");
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(mantle, AT)).hasMessage("Credential should be scoped to correct service: 'bedrock'.");
    }

    @Test
    void rejectsAShortTermKeyWhoseSignatureOrActionWasChanged() {
        String good = ShortTermKeys.mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-east-1", AT, Duration.ofHours(1));
        String otherExpiry = tamperedUrl(good, "X-Amz-Expires=3600", "X-Amz-Expires=3601");
        String otherAction = tamperedUrl(good, "Action=CallWithBearerToken", "Action=Other");
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(otherExpiry, AT)).hasMessage(ApiError.SIGNATURE_MISMATCH.format());
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify(otherAction, AT)).hasMessageContaining("Action is not CallWithBearerToken");
    }

    @Test
    void passesAnUnknownButWellFormedShortTermKeyOnlyInLenientMode() {
        String token = ShortTermKeys.mint("ASIADEVELOPER", "real-secret-we-cannot-know", "tok", "us-east-1", AT, Duration.ofHours(12));
        assertThat(verifier(config(AuthMode.LENIENT)).verify(token, AT).id()).isEqualTo("ASIADEVELOPER");
        assertThatThrownBy(() -> verifier(config(AuthMode.STRICT)).verify(token, AT)).hasMessage(ApiError.INVALID_TOKEN.format());
    }

    @Test
    void rejectsAShortTermKeyThatIsNotBase64() {
        assertThatThrownBy(() -> verifier(config(AuthMode.LENIENT)).verify("bedrock-api-key-!!!not base64!!!", AT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("malformed (not base64)");
    }

    @Test
    void recognisesALongTermKeyByItsFormat() {
        BearerKey key = BearerKeyClassifier.classify(longTermKey("BedrockAPIKey-x7q2", "210987654321"));
        assertThat(key).isEqualTo(new BearerKey.LongTerm("BedrockAPIKey-x7q2", "210987654321"));
        assertThat(BearerKeyClassifier.classify("sk-ant-something")).isInstanceOf(BearerKey.Opaque.class);
    }

    @Test
    void longTermKeysPassInLenientModeUnderTheirOwnAccount() {
        Principal p = verifier(config(AuthMode.LENIENT)).verify(longTermKey("BedrockAPIKey-x7q2", "210987654321"), AT);
        assertThat(p.arn()).isEqualTo("arn:aws:iam::210987654321:user/BedrockAPIKey-x7q2");
    }

    @Test
    void thePolicySwitchDeniesLongTermKeysWithA403() {
        AuthConfig c = config(AuthMode.LENIENT);
        c.allowLongTermKeys = false;
        assertThatThrownBy(() -> verifier(c).verify(longTermKey("BedrockAPIKey-x7q2", "210987654321"), AT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.PERMISSION))
                .hasMessageStartingWith("User: arn:aws:iam::210987654321:user/BedrockAPIKey-x7q2 is not authorized to perform: bedrock:CallWithBearerToken with an explicit deny");
        String shortTerm = ShortTermKeys.mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-east-1", AT, Duration.ofHours(1));
        assertThat(verifier(c).verify(shortTerm, AT).id()).isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
    }

    @Test
    void staticTokensPassInStrictModeAndExpire() {
        AuthConfig c = config(AuthMode.STRICT);
        AuthConfig.StaticTokenConfig t = new AuthConfig.StaticTokenConfig();
        t.token = "ci-token";
        t.user = "ci";
        t.accountId = "111122223333";
        t.expiresAt = "2026-11-25T10:30:00Z";
        c.staticTokens = List.of(t);
        assertThat(verifier(c).verify("ci-token", AT).arn()).isEqualTo("arn:aws:iam::111122223333:user/ci");
        assertThatThrownBy(() -> verifier(c).verify("ci-token", AT.plusSeconds(1800))).hasMessage(ApiError.EXPIRED_TOKEN.format());
        assertThatThrownBy(() -> verifier(c).verify("other-token", AT)).hasMessage(ApiError.INVALID_BEARER.format());
    }

    @Test
    void opaqueTokensPassInLenientModeUnderARedactedName() {
        Principal p = verifier(config(AuthMode.LENIENT)).verify("my-dev-key-12345", AT);
        assertThat(p.id()).startsWith("bearer-").doesNotContain("my-dev-key");
    }

    private static String tamperedUrl(String token, String from, String to) {
        String url = new String(Base64.getDecoder().decode(token.substring("bedrock-api-key-".length())), StandardCharsets.UTF_8);
        assertThat(url).contains(from);
        return "bedrock-api-key-" + Base64.getEncoder().encodeToString(url.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }
}
