package dev.mantlemock.auth;

import dev.mantlemock.client.ExamplePrincipal;
import dev.mantlemock.domain.Principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.domain.HttpRequestView;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The front door: which credential wins, modes, config, and the permission decision. */
class MantleAuthenticatorTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    private static HttpRequestView request(Map<String, String> headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        h.putIfAbsent("host", List.of("127.0.0.1:8080"));
        return new HttpRequestView("POST", "/anthropic/v1/messages", "", h, new byte[0]);
    }

    private static AuthConfig config(AuthMode mode) {
        AuthConfig c = new AuthConfig();
        c.mode = mode;
        return c;
    }

    @Test
    void rejectsARequestWithNoCredentials() {
        assertThatThrownBy(() -> new MantleAuthenticator(config(AuthMode.LENIENT)).authenticate(request(Map.of()), AT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION))
                .hasMessage(ApiError.MISSING_AUTHENTICATION.format());
    }

    @Test
    void rejectsAnAuthorizationHeaderOfUnknownScheme() {
        assertThatThrownBy(() -> new MantleAuthenticator(config(AuthMode.LENIENT)).authenticate(request(Map.of("authorization", "Basic dTpw")), AT))
                .hasMessage(ApiError.MALFORMED_AUTHORIZATION.format());
        assertThatThrownBy(() -> new MantleAuthenticator(config(AuthMode.LENIENT)).authenticate(request(Map.of("authorization", "Bearer ")), AT))
                .hasMessage(ApiError.INVALID_BEARER.format());
    }

    @Test
    void xApiKeyWinsOverAuthorizationBearer() {
        AuthConfig c = config(AuthMode.STRICT);
        AuthConfig.StaticTokenConfig t = new AuthConfig.StaticTokenConfig();
        t.token = "good";
        c.staticTokens = List.of(t);
        MantleAuthenticator auth = new MantleAuthenticator(c);
        assertThat(auth.authenticate(request(Map.of("x-api-key", "good", "authorization", "Bearer bad")), AT).id()).isEqualTo("static-token");
        assertThatThrownBy(() -> auth.authenticate(request(Map.of("x-api-key", "bad", "authorization", "Bearer good")), AT))
                .hasMessage(ApiError.INVALID_BEARER.format());
        assertThat(auth.authenticate(request(Map.of("authorization", "bearer good")), AT).id()).isEqualTo("static-token");
    }

    @Test
    void offModeLetsEveryoneInAsAnonymous() {
        assertThat(new MantleAuthenticator(config(AuthMode.OFF)).authenticate(request(Map.of()), AT)).isEqualTo(Principal.anonymous());
    }

    @Test
    void acceptsASigV4RequestThroughTheFrontDoor() {
        HttpRequestView signed = OracleSigner.mantle(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, AT, "{}".getBytes());
        assertThat(new MantleAuthenticator(config(AuthMode.STRICT)).authenticate(signed, AT).id()).isEqualTo(ExamplePrincipal.ACCESS_KEY_ID);
    }

    @Test
    void readsTheAuthSectionFromYaml() throws Exception {
        String yaml = """
                mode: strict
                accept-bedrock-service-scope: true
                max-clock-skew-seconds: 120
                allow-long-term-keys: false
                principals:
                  - access-key-id: AKIDCI
                    secret-access-key: ci-secret
                    account-id: "111122223333"
                    user: ci-runner
                    session-tokens:
                      - token: session-1
                        expires-at: 2030-01-01T00:00:00Z
                    models: ["anthropic.claude-haiku-*"]
                    actions:
                      "bedrock-mantle:CountTokens": ["*"]
                static-tokens:
                  - token: ci-static
                    account-id: "111122223333"
                """;
        AuthConfig c = new ObjectMapper(new YAMLFactory()).enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(yaml, AuthConfig.class);
        assertThat(c.mode).isEqualTo(AuthMode.STRICT);
        c.region = "us-west-2";
        assertThat(c.describe()).startsWith("auth: strict (region us-west-2, 1 principal(s), 1 static token(s), long-term keys denied");
        assertThat(c.principals.get(0).toString()).doesNotContain("ci-secret");
        PrincipalRegistry registry = new PrincipalRegistry(c);
        Principal ci = registry.key("AKIDCI").principal();
        assertThat(ci.arn()).isEqualTo("arn:aws:iam::111122223333:user/ci-runner");
        assertThat(ci.models().allows("bedrock-mantle:CreateInference", "anthropic.claude-haiku-4-5")).isTrue();
        assertThat(ci.models().allows("bedrock-mantle:CreateInference", "anthropic.claude-opus-4-7")).isFalse();
        assertThat(ci.models().allows("bedrock-mantle:CountTokens", "anthropic.claude-opus-4-7")).isTrue();
        assertThat(registry.key("AKIDCI").sessionTokens()).containsEntry("session-1", Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void defaultsAreLenientUsEast1AndTheAwsExamplePrincipalWithEveryModel() {
        AuthConfig c = new AuthConfig();
        assertThat(c.describe()).startsWith("auth: lenient (region us-east-1");
        assertThat(new AuthConfig() {{ mode = AuthMode.OFF; }}.describe()).isEqualTo("auth: off");
        Principal p = new PrincipalRegistry(c).key("AKIDEXAMPLE").principal();
        assertThat(p.accountId()).isEqualTo("123456789012");
        assertThat(p.models().allows("bedrock-mantle:CreateInference", "anthropic.anything")).isTrue();
        assertThat(Duration.ofSeconds(c.maxClockSkewSeconds)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesBadConfigAtStartUp() {
        AuthConfig c = new AuthConfig();
        c.principals.get(0).accountId = "12345";
        assertThatThrownBy(() -> new PrincipalRegistry(c)).hasMessageContaining("12 digits");
        assertThatThrownBy(() -> AuthMode.of("loose")).hasMessageContaining("strict, lenient or off");
    }

    @Test
    void deniesAModelThePrincipalMayNotCallNamingActionAndResource() {
        Principal p = new Principal("ci-runner", "111122223333", PrincipalRegistry.grants(List.of("anthropic.claude-haiku-*"),
                Map.of("bedrock-mantle:CountTokens", List.of())));
        ModelPermissions permissions = new ModelPermissions("us-east-1");
        permissions.check(p, "bedrock-mantle:CreateInference", "anthropic.claude-haiku-4-5");
        assertThatThrownBy(() -> permissions.check(p, "bedrock-mantle:CreateInference", "anthropic.claude-opus-4-7"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessage("User: arn:aws:iam::111122223333:user/ci-runner is not authorized to perform: bedrock-mantle:CreateInference"
                        + " on resource: arn:aws:bedrock-mantle:us-east-1:111122223333:model/anthropic.claude-opus-4-7");
        assertThatThrownBy(() -> permissions.check(p, "bedrock-mantle:CountTokens", "anthropic.claude-haiku-4-5"))
                .hasMessageContaining("perform: bedrock-mantle:CountTokens on resource");
    }
}
