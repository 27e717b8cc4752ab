package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RunningMock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Input no client should send: always a clear 4xx in the envelope, never a 500, a stack trace or a hang. */
class MalformedInputTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();


    private static void assertInvalid(HttpResponse<String> r, int status, String type, String messagePart) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).startsWith("{\"type\":\"error\"").contains("\"type\":\"" + type + "\"").contains(messagePart)
                .doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(r.headers().firstValue("request-id")).isPresent();
    }

    @Test
    void aMissingVersionHeaderIsRequired() {
        assertInvalid(mock.post("/v1/messages", "{}", "content-type", "application/json", "x-api-key", "k"), 400, "invalid_request_error",
                "anthropic-version: header is required");
    }

    @Test
    void anUnknownVersionIsNamed() {
        assertInvalid(mock.post("/v1/messages", "{}", "anthropic-version", "2099-01-01", "x-api-key", "k"), 400, "invalid_request_error",
                "'2099-01-01' is not a supported version");
    }

    @Test
    void brokenJsonIsABadRequest() {
        assertInvalid(mock.postMessages("{\"model\": "), 400, "invalid_request_error", "error parsing the body");
    }

    @Test
    void aJsonArrayIsNotARequest() {
        assertInvalid(mock.postMessages("[1,2]"), 400, "invalid_request_error", "valid dictionary");
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        assertInvalid(mock.postMessages(""), 400, "invalid_request_error", "the body is empty");
    }

    @Test
    void aFormEncodedBodyIsRefusedByItsContentType() {
        assertInvalid(mock.post("/v1/messages", "model=x", "content-type", "application/x-www-form-urlencoded",
                "anthropic-version", "2023-06-01", "x-api-key", "k"), 400, "invalid_request_error", "content-type");
    }

    @Test
    void deeplyNestedJsonIsRefusedNotRecursedInto() {
        String deep = "{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":1,\"metadata\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertInvalid(mock.postMessages(deep), 400, "invalid_request_error", "error parsing the body");
    }

    @Test
    void invalidUtf8IsABadRequest() throws Exception {
        byte[] body = "{\"model\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        String response = raw("POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\nanthropic-version: 2023-06-01\r\nx-api-key: k\r\n"
                + "content-type: application/json\r\ncontent-length: " + body.length + "\r\nconnection: close\r\n\r\n", body);
        assertThat(response).startsWith("HTTP/1.1 400").contains("invalid_request_error");
    }

    @Test
    void aDeclaredBodyOver32MegabytesIsRefusedBeforeItIsRead() throws Exception {
        String response = raw("POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\nanthropic-version: 2023-06-01\r\n"
                + "content-type: application/json\r\ncontent-length: 40000000\r\nconnection: close\r\n\r\n", "{".getBytes());
        assertThat(response).startsWith("HTTP/1.1 413").contains("request_too_large");
    }

    @Test
    void aChunkedBodyIsRefusedAsSoonAsItPasses32Megabytes() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", mock.server().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\nanthropic-version: 2023-06-01\r\n"
                    + "content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            String status = null;
            for (int i = 0; i < 40 && status == null; i++) {
                try {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException closedByServer) {
                    break;
                }
            }
            status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void aWrongMethodOnAKnownPathIsNotFound() {
        assertThat(mock.get("/anthropic/v1/messages").statusCode()).isEqualTo(404);
    }

    private String raw(String head, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", mock.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
