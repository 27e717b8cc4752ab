package dev.mantlemock.auth;

import dev.mantlemock.domain.Principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.domain.HttpRequestView;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every v4 case of the official AWS suite: our canonical request, string to sign and signature must be
 * the suite's byte for byte, and the verifier must accept the suite's signed requests (header and
 * presigned-query forms). Cases use service {@code service}, so rules are built for it here.
 */
class OfficialVectorsTest {

    static Stream<VectorCase> cases() {
        return VectorCase.all();
    }

    static Stream<VectorCase> verifiableCases() {
        // the verifier always normalises paths (non-S3); post-sts-header-after sends an unsigned token, refused below
        return VectorCase.all().filter(c -> c.normalize() && !c.omitsSessionToken());
    }

    private static SigV4Rules rulesFor(VectorCase c, boolean strict) {
        return new SigV4Rules(c.region(), Set.of(c.service()), Duration.ofMinutes(5), false, strict);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsTheSuitesCanonicalRequestStringToSignAndSignature(VectorCase c) {
        HttpRequestView request = c.signedRequest();
        AuthorizationHeader auth = AuthorizationHeader.parse(request.header("authorization"));

        String canonical = CanonicalRequest.build(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                auth.signedHeaders(), Hashing.sha256Hex(request.body()), c.normalize(), Set.of());
        String stringToSign = StringToSign.build(request.header("x-amz-date"), auth.credential(), canonical);
        String signature = SigningKeys.sign(SigningKeys.derive(c.secret(), auth.credential().date(), c.region(), c.service()), stringToSign);

        assertThat(canonical).isEqualTo(c.file("header-canonical-request.txt"));
        assertThat(stringToSign).isEqualTo(c.file("header-string-to-sign.txt"));
        assertThat(signature).isEqualTo(c.file("header-signature.txt").strip()).isEqualTo(auth.signature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifiableCases")
    void acceptsTheSuitesHeaderSignedRequestInStrictMode(VectorCase c) {
        SigV4Verifier verifier = new SigV4Verifier(rulesFor(c, true), c.registry(), new SigningKeys(8));

        Principal principal = verifier.verify(c.signedRequest(), c.timestamp());

        assertThat(principal.id()).isEqualTo("AKIDEXAMPLE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifiableCases")
    void acceptsTheSuitesPresignedUrlInStrictMode(VectorCase c) {
        HttpRequestView request = c.presignedRequest();
        PresignedUrlVerifier verifier = new PresignedUrlVerifier(
                new PresignedUrlVerifier.Rules(rulesFor(c, true), 3600, Set.of("X-Amz-Signature")), c.registry(), new SigningKeys(8));
        PresignedUrl url = new PresignedUrl(request.method(), request.rawPath(), request.rawQuery(), request.headers(), request.body());

        PresignedUrlVerifier.Verified verified = verifier.verify(url, c.timestamp());

        assertThat(verified.principal().id()).isEqualTo("AKIDEXAMPLE");
        assertThat(verified.validUntil()).isEqualTo(c.timestamp().plusSeconds(3600));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifiableCases")
    void rejectsEachSuiteRequestOnceItsSignatureIsChanged(VectorCase c) {
        HttpRequestView good = c.signedRequest();
        String authorization = good.header("authorization");
        String sig = authorization.substring(authorization.length() - 64);
        String flipped = (sig.charAt(0) == '0' ? '1' : '0') + sig.substring(1);
        HttpRequestView bad = Requests.withHeader(good, "authorization", authorization.replace(sig, flipped));
        SigV4Verifier verifier = new SigV4Verifier(rulesFor(c, true), c.registry(), new SigningKeys(8));

        assertThatThrownBy(() -> verifier.verify(bad, c.timestamp()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION))
                .hasMessageStartingWith(ApiError.SIGNATURE_MISMATCH.format());
    }

    @Test
    void refusesASessionTokenThatWasAddedAfterSigning() {
        VectorCase c = VectorCase.named("post-sts-header-after");
        SigV4Verifier verifier = new SigV4Verifier(rulesFor(c, true), c.registry(), new SigningKeys(8));

        assertThatThrownBy(() -> verifier.verify(c.signedRequest(), c.timestamp()))
                .hasMessage("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void coversEveryCaseOfTheSuite() {
        List<String> names = VectorCase.all().map(VectorCase::name).toList();
        assertThat(names).hasSize(38).contains("get-vanilla", "post-x-www-form-urlencoded", "get-vanilla-with-session-token");
    }
}
