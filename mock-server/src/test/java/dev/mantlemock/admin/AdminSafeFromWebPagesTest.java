package dev.mantlemock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RawResponse;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A web page the user has open can send requests to 127.0.0.1: cross-origin "simple" requests (no
 * preflight: text/plain, no custom header) and, through DNS rebinding, requests under its own host
 * name whose answers it can read. None of them may drive the admin API, token or not.
 */
@Timeout(60)
class AdminSafeFromWebPagesTest {
    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private int port;

    @BeforeEach
    void emptyRules() {
        port = mock.server().port();
        assertThat(call("DELETE", "/_mock/faults", "127.0.0.1:" + port, "content-type: application/json\r\n", "").status())
                .isEqualTo(200);
    }

    @Test
    void aCrossOriginTextPlainPostAddsNoFaultRule() {
        RawResponse r = call("POST", "/_mock/faults", "127.0.0.1:" + port,
                "Origin: http://evil.example\r\ncontent-type: text/plain\r\n", "{\"kind\":\"overloaded\"}");
        r.assertEnvelope(403, "permission_error", "does not answer web pages (Origin 'http://evil.example')");
        assertThat(rules()).isEmpty();
    }

    @Test
    void aResetFromAnotherSiteIsRefusedByOriginOrByFetchMetadata() {
        call("POST", "/_mock/reset", "127.0.0.1:" + port,
                "Origin: http://evil.example\r\ncontent-type: application/json\r\n", "").assertEnvelope(403, "permission_error", "Origin");
        call("POST", "/_mock/reset", "127.0.0.1:" + port,
                "Sec-Fetch-Site: cross-site\r\ncontent-type: application/json\r\n", "").assertEnvelope(403, "permission_error", "Sec-Fetch-Site");
        call("POST", "/_mock/reset", "127.0.0.1:" + port,
                "Origin: null\r\ncontent-type: application/json\r\n", "").assertEnvelope(403, "permission_error", "Origin 'null'");
    }

    @Test
    void theJournalIsNotReadUnderAnotherHostNameAsDnsRebindingWouldSendIt() {
        mock.postMessages("{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"my secret prompt\"}]}");
        for (String host : new String[] {"evil.example.com:" + port, "evil.example.com", "127.0.0.1:" + (port + 1)}) {
            RawResponse r = call("GET", "/_mock/requests", host, "", null);
            r.assertEnvelope(403, "permission_error", "Host was '" + host + "'");
            assertThat(r.text()).doesNotContain("secret prompt");
        }
    }

    @Test
    void writesWithoutAJsonContentTypeAreRefusedWithABodyOrWithout() {
        call("POST", "/_mock/reset", "127.0.0.1:" + port, "", "").assertEnvelope(400, "invalid_request_error",
                "POST on the admin API needs 'application/json' (with a body or not), got none");
        call("DELETE", "/_mock/requests", "127.0.0.1:" + port, "content-type: text/plain\r\n", "").assertEnvelope(400,
                "invalid_request_error", "got 'text/plain'");
        call("PUT", "/_mock/quotas", "127.0.0.1:" + port, "content-type: application/x-www-form-urlencoded\r\n",
                "{\"enabled\":false}").assertEnvelope(400, "invalid_request_error", "needs 'application/json'");
    }

    @Test
    void theMockIsAddressedByLocalhostOrALoopbackLiteralWithItsPort() {
        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port}) {
            assertThat(call("GET", "/_mock/faults", host, "", null).status()).as(host).isEqualTo(200);
        }
        assertThat(call("POST", "/_mock/reset", "localhost:" + port,
                "Origin: http://localhost:" + port + "\r\nSec-Fetch-Site: same-origin\r\ncontent-type: application/json\r\n", "")
                .status()).isEqualTo(200);
    }

    @Test
    void healthAndTheMessagesEndpointAnswerAnyHostName() {
        assertThat(call("GET", "/_mock/health", "mock.internal:" + port, "", null).status()).isEqualTo(200);
        String body = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        RawResponse r = call("POST", "/anthropic/v1/messages", "mock.internal:" + port, "content-type: application/json\r\n"
                + "anthropic-version: 2023-06-01\r\nauthorization: Bearer " + RunningMock.API_KEY + "\r\n", body);
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void withAnAdminTokenTheChecksForWebPagesStillApply() {
        try (RunningMock guarded = RunningMock.start(c -> c.admin.token = "s3cret")) {
            int p = guarded.server().port();
            String token = "Authorization: Bearer s3cret\r\n";
            call(p, "POST", "/_mock/reset", "127.0.0.1:" + p, token + "Origin: http://evil.example\r\n"
                    + "content-type: application/json\r\n", "").assertEnvelope(403, "permission_error", "Origin");
            call(p, "GET", "/_mock/requests", "evil.example.com:" + p, token, null).assertEnvelope(403, "permission_error", "Host");
            call(p, "POST", "/_mock/reset", "127.0.0.1:" + p, "content-type: application/json\r\n", "").assertEnvelope(401,
                    "authentication_error", "admin token");
            assertThat(call(p, "POST", "/_mock/reset", "127.0.0.1:" + p, token + "content-type: application/json\r\n", "")
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void onEveryInterfaceWithAllowedNamesTheAdminApiAnswersThoseNamesAndIpAddressesOnAnyPortAndNoOtherName() {
        try (RunningMock container = RunningMock.start(c -> {
            c.host = "0.0.0.0";
            c.admin.token = "s3cret";
            c.admin.allowedHosts = java.util.List.of("mantle-mock", "Host.Docker.Internal");
        })) {
            int p = container.server().port();
            String token = "x-mock-admin-token: s3cret\r\n";
            // a port mapping: the client's port is not the one listened on
            for (String host : new String[] {"mantle-mock:8080", "host.docker.internal:49153", "localhost:49153", "172.17.0.1:32768",
                    "[fd00::2]:8080", "127.0.0.1:" + p}) {
                assertThat(call(p, "GET", "/_mock/faults", host, token, null).status()).as(host).isEqualTo(200);
            }
            for (String host : new String[] {"evil.example.com:8080", "mantle-mock.evil.example:8080", "rebind.127.0.0.1.nip.io:" + p}) {
                call(p, "GET", "/_mock/requests", host, token, null).assertEnvelope(403, "permission_error", "MANTLE_MOCK_ADMIN_ALLOWED_HOSTS");
            }
            call(p, "POST", "/_mock/reset", "mantle-mock:8080", token + "Origin: http://evil.example\r\n"
                    + "content-type: application/json\r\n", "").assertEnvelope(403, "permission_error", "Origin");
            call(p, "GET", "/_mock/faults", "mantle-mock:8080", "", null).assertEnvelope(401, "authentication_error", "admin token");
        }
    }

    @Test
    void onEveryInterfaceWithoutATokenTheAdminApiIsOffWhateverTheName() {
        try (RunningMock container = RunningMock.start(c -> {
            c.host = "0.0.0.0";
            c.admin.allowedHosts = java.util.List.of("mantle-mock");
        })) {
            int p = container.server().port();
            call(p, "GET", "/_mock/requests", "mantle-mock:8080", "", null).assertEnvelope(403, "permission_error",
                    "MANTLE_MOCK_ADMIN_TOKEN");
            assertThat(call(p, "GET", "/_mock/health", "mantle-mock:8080", "", null).status()).isEqualTo(200);
        }
    }

    private JsonNode rules() {
        return TestRequests.node(call("GET", "/_mock/faults", "127.0.0.1:" + port, "", null).text()).path("rules");
    }

    private RawResponse call(String method, String path, String host, String headers, String body) {
        return call(port, method, path, host, headers, body);
    }

    private static RawResponse call(int port, String method, String path, String host, String headers, String body) {
        String length = body == null ? "" : "content-length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n";
        return RawRequest.send(port, method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers + length
                + "Connection: close\r\n\r\n" + (body == null ? "" : body));
    }
}
