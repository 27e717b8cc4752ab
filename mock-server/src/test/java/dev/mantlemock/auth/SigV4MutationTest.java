package dev.mantlemock.auth;

import dev.mantlemock.client.ExamplePrincipal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.domain.HttpRequestView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A correctly signed request, changed one thing at a time: every change is refused with a 401. */
class SigV4MutationTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private static final byte[] BODY = "{\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"model\":\"anthropic.claude-opus-4-7\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final HttpRequestView SIGNED = OracleSigner.mantle(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, AT, BODY);

    private static SigV4Verifier strictVerifier() {
        AuthConfig config = new AuthConfig();
        AuthConfig.PrincipalConfig other = new AuthConfig.PrincipalConfig();
        other.accessKeyId = "AKIDOTHERKEY";
        other.secretAccessKey = "another-secret";
        config.principals.add(other);
        return new SigV4Verifier(new SigV4Rules("us-east-1", Set.of("bedrock-mantle"), Duration.ofMinutes(5), false, true),
                new PrincipalRegistry(config), new SigningKeys(16));
    }

    @Test
    void acceptsTheUnchangedRequest() {
        assertThat(strictVerifier().verify(SIGNED, AT).id()).isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
    }

    static Stream<Arguments> mutations() {
        List<Arguments> all = new ArrayList<>(List.of(
                Arguments.of("method", (UnaryOperator<HttpRequestView>) r -> Requests.withMethod(r, "PUT")),
                Arguments.of("path", (UnaryOperator<HttpRequestView>) r -> Requests.withPath(r, "/anthropic/v1/messages/count_tokens")),
                Arguments.of("query value", (UnaryOperator<HttpRequestView>) r -> Requests.withQuery(r, "beta=false")),
                Arguments.of("query dropped", (UnaryOperator<HttpRequestView>) r -> Requests.withQuery(r, "")),
                Arguments.of("query added", (UnaryOperator<HttpRequestView>) r -> Requests.withQuery(r, "beta=true&x=1")),
                Arguments.of("one body byte", (UnaryOperator<HttpRequestView>) r -> Requests.withBody(r, flipLastByte(r.body()))),
                Arguments.of("date, same day", (UnaryOperator<HttpRequestView>) r -> Requests.withHeader(r, "x-amz-date", "20261125T100001Z")),
                Arguments.of("scope date", (UnaryOperator<HttpRequestView>) r -> authorization(r, "/20261125/", "/20261124/")),
                Arguments.of("region", (UnaryOperator<HttpRequestView>) r -> authorization(r, "/us-east-1/", "/us-west-2/")),
                Arguments.of("service", (UnaryOperator<HttpRequestView>) r -> authorization(r, "/bedrock-mantle/", "/bedrock/")),
                Arguments.of("terminator", (UnaryOperator<HttpRequestView>) r -> authorization(r, "/aws4_request", "/aws4_reqest")),
                Arguments.of("signature", (UnaryOperator<HttpRequestView>) SigV4MutationTest::flipSignature),
                Arguments.of("access key, unknown", (UnaryOperator<HttpRequestView>) r -> authorization(r, "Credential=AKIDEXAMPLE/", "Credential=AKIDUNKNOWN/")),
                Arguments.of("access key, known other", (UnaryOperator<HttpRequestView>) r -> authorization(r, "Credential=AKIDEXAMPLE/", "Credential=AKIDOTHERKEY/")),
                Arguments.of("signed header dropped from list", (UnaryOperator<HttpRequestView>) r -> authorization(r, "accept;", "")),
                Arguments.of("unsigned session token added", (UnaryOperator<HttpRequestView>) r -> Requests.withHeader(r, "x-amz-security-token", "tok"))));
        for (String name : AuthorizationHeader.parse(SIGNED.header("authorization")).signedHeaders()) {
            all.add(Arguments.of("signed header " + name,
                    (UnaryOperator<HttpRequestView>) r -> Requests.withHeader(r, name, r.header(name) + "0")));
            all.add(Arguments.of("signed header " + name + " removed",
                    (UnaryOperator<HttpRequestView>) r -> Requests.withoutHeader(r, name)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "changing the {0} is refused")
    @MethodSource("mutations")
    void refusesTheRequestWhenOneThingChanges(String what, UnaryOperator<HttpRequestView> mutation) {
        HttpRequestView mutated = mutation.apply(SIGNED);

        assertThatThrownBy(() -> strictVerifier().verify(mutated, AT))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION);
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).isNotBlank().doesNotContain(ExamplePrincipal.SECRET_ACCESS_KEY);
                });
    }

    @Test
    void signedHeadersIncludeEverythingTheSdkSigned() {
        assertThat(AuthorizationHeader.parse(SIGNED.header("authorization")).signedHeaders())
                .contains("accept", "anthropic-version", "content-type", "host", "x-amz-content-sha256", "x-amz-date", "x-stainless-retry-count");
    }

    static HttpRequestView authorization(HttpRequestView r, String from, String to) {
        String a = r.header("authorization");
        assertThat(a).contains(from);
        return Requests.withHeader(r, "authorization", a.replace(from, to));
    }

    static HttpRequestView flipSignature(HttpRequestView r) {
        String a = r.header("authorization");
        char last = a.charAt(a.length() - 1);
        return Requests.withHeader(r, "authorization", a.substring(0, a.length() - 1) + (last == 'a' ? 'b' : 'a'));
    }

    static byte[] flipLastByte(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length - 2] ^= 1;
        return copy;
    }
}
