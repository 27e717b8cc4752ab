package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RawResponse;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mock answers the methods, request lines and headers the API defines, and nothing else: no
 * method override, no HEAD on admin routes, and every refusal in the envelope with a request id,
 * worded without the names of the classes and libraries inside.
 */
@Timeout(120)
class OnlyTheHttpTheApiDefinesTest {
    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static String host() {
        return "Host: 127.0.0.1:" + mock.server().port() + "\r\n";
    }

    private static RawResponse send(String request) {
        return RawRequest.send(mock.server().port(), request);
    }

    @Test
    void aMethodOverrideHeaderIsIgnoredSoAGetCannotReset() {
        RawResponse added = send("POST /_mock/faults HTTP/1.1\r\n" + host() + "content-type: application/json\r\n"
                + "content-length: 37\r\nConnection: close\r\n\r\n{\"kind\":\"overloaded\",\"testId\":\"keep\"}");
        assertThat(added.status()).isEqualTo(201);
        RawResponse r = send("GET /_mock/reset HTTP/1.1\r\n" + host() + "X-HTTP-Method-Override: POST\r\nConnection: close\r\n\r\n");
        r.assertEnvelope(404, "not_found_error", "GET /_mock/reset is not an admin route");
        assertThat(TestRequests.node(mock.get("/_mock/faults?testId=keep").body()).path("rules")).hasSize(1);
    }

    @Test
    void headOnAnAdminRouteIsNotAnswered200() {
        String answer = RawRequest.exchange(mock.server().port(),
                "HEAD /_mock/requests HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 404").containsIgnoringCase("request-id: req_");
    }

    @Test
    void connectIsRefusedAndTheConnectionClosedAtOnceNotKeptForATunnel() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", mock.server().port())) {
            socket.setSoTimeout(10_000); // well under the 30 s idle timeout: only a close ends the read in time
            socket.getOutputStream().write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 405").containsIgnoringCase("connection: close")
                    .containsIgnoringCase("request-id: req_").contains("\"invalid_request_error\"")
                    .contains("CONNECT is not supported");
        }
    }

    @Test
    void optionsStarIsAnsweredInTheEnvelope() {
        send("OPTIONS * HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n").assertEnvelope(404, "not_found_error",
                "OPTIONS * is not available on Claude in Amazon Bedrock");
    }

    @Test
    void anHttp2PrefaceIsAnsweredInTheEnvelopeAndNotRetried() {
        RawResponse r = send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        assertThat(r.status()).isEqualTo(426);
        assertThat(r.header("x-should-retry")).isEqualTo("false");
        r.assertEnvelope(426, "invalid_request_error", "Upgrade Required");
    }

    @Test
    void unknownHttpVersionsAreA400NotARetried505() {
        send("GET /_mock/health HTTP/9.9\r\n" + host() + "\r\n").assertEnvelope(400, "invalid_request_error", "Unknown Version");
        RawResponse r = send("GET /_mock/health\r\n");
        r.assertEnvelope(400, "invalid_request_error", "HTTP/0.9");
        assertThat(r.header("x-should-retry")).isEqualTo("false");
    }

    @Test
    void jsonErrorsAreWordedWithoutTheParsersNames() {
        String deep = "{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}";
        for (String body : new String[] {"{\"model\":NaN}", "{\"model\":\"a\" /* c */}", "{\"max_tokens\":1" + "0".repeat(1200) + "}", deep}) {
            HttpResponse<String> r = mock.postMessages(body);
            assertThat(r.statusCode()).isEqualTo(400);
            assertNoInternalNames(r.body());
            assertThat(r.body()).contains("There was an error parsing the body of your request");
        }
        HttpResponse<String> r = mock.postMessages(deep);
        assertThat(r.body()).contains("the JSON is nested deeper than 256 levels");
        RawResponse admin = send("PUT /_mock/quotas HTTP/1.1\r\n" + host() + "content-type: application/json\r\n"
                + "content-length: 21\r\nConnection: close\r\n\r\n{\"windowSeconds\":NaN}");
        admin.assertEnvelope(400, "invalid_request_error", "The body is not valid JSON");
        assertNoInternalNames(admin.text());
    }

    @Test
    void aBodyCutShortIsNamedWithoutTheServersExceptionClass() {
        RawResponse r = send("POST /anthropic/v1/messages HTTP/1.1\r\n" + host() + "content-type: application/json\r\n"
                + "anthropic-version: 2023-06-01\r\nauthorization: Bearer " + RunningMock.API_KEY + "\r\n"
                + "content-length: 100\r\n\r\n{\"model\":");
        r.assertEnvelope(400, "invalid_request_error", "before the whole body arrived");
        assertNoInternalNames(r.text());
    }

    @Test
    void anAdminBodyCutShortIsA400NotA500() {
        RawResponse r = send("POST /_mock/faults HTTP/1.1\r\n" + host() + "content-type: application/json\r\n"
                + "content-length: 100\r\n\r\n{\"kind\":");
        r.assertEnvelope(400, "invalid_request_error", "before the whole body arrived");
    }

    @Test
    void aThirtyMegabyteStringUnderTheBodyLimitIsAPromptTooLongNotAParserLimit() {
        String text = "a".repeat(30 * 1024 * 1024);
        HttpResponse<String> r = mock.postMessages("{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRequests.node(r.body()).path("error").path("message").asText())
                .matches("prompt is too long: \\d+ tokens > 200000 maximum");
    }

    private static void assertNoInternalNames(String body) {
        assertThat(body).doesNotContain("Exception", "StreamReadConstraints", "JsonReadFeature", "Feature", "dev.mantlemock",
                "com.fasterxml", "jetty");
    }
}
