package dev.mantlemock.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP/1.1 response read off a raw socket, framed by Content-Length or chunked encoding. Strict:
 * framing that does not add up is an error, never a guess, because a load test must notice a
 * response cut or garbled under pressure.
 *
 * @param headers lower-case names; a repeated header keeps its last value
 */
public record RawResponse(int status, Map<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.get(name);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Asserts an error in the Anthropic envelope: this status and type, a message containing this, the request id in both places. */
    public void assertEnvelope(int status, String type, String messagePart) {
        org.assertj.core.api.Assertions.assertThat(status()).as(text()).isEqualTo(status);
        String id = header("request-id");
        org.assertj.core.api.Assertions.assertThat(id).startsWith("req_");
        com.fasterxml.jackson.databind.JsonNode json = TestRequests.node(text());
        org.assertj.core.api.Assertions.assertThat(json.path("type").asText()).isEqualTo("error");
        org.assertj.core.api.Assertions.assertThat(json.path("error").path("type").asText()).isEqualTo(type);
        org.assertj.core.api.Assertions.assertThat(json.path("error").path("message").asText()).contains(messagePart);
        org.assertj.core.api.Assertions.assertThat(json.path("request_id").asText()).isEqualTo(id);
    }

    /** The response these bytes hold once it is complete, or null while more must be read. */
    public static RawResponse parseIfComplete(byte[] bytes) {
        int headEnd = indexOf(bytes, "\r\n\r\n", 0);
        if (headEnd < 0) {
            return null;
        }
        String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 ") || lines[0].length() < 12) {
            throw new IllegalStateException("not an HTTP/1.1 status line: " + lines[0]);
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("malformed header line: " + lines[i]);
            }
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int bodyStart = headEnd + 4;
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(bytes, bodyStart);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (bytes.length < bodyStart + length) {
                return null;
            }
            if (bytes.length > bodyStart + length) {
                throw new IllegalStateException("bytes after a Content-Length body: " + (bytes.length - bodyStart - length));
            }
            body = Arrays.copyOfRange(bytes, bodyStart, bodyStart + length);
        } else {
            throw new IllegalStateException("a response with neither Content-Length nor chunked encoding (status " + status + ")");
        }
        return body == null ? null : new RawResponse(status, headers, body);
    }

    /**
     * The body received so far of a response still arriving: its complete chunks if it is chunked (a
     * server may cut an event across chunks, down to one byte each), else the bytes after the headers.
     * Null until the headers are complete.
     */
    public static byte[] bodySoFar(byte[] bytes) {
        int headEnd = indexOf(bytes, "\r\n\r\n", 0);
        if (headEnd < 0) {
            return null;
        }
        String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        if (!head.contains("\r\ntransfer-encoding: chunked")) {
            return Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        dechunkInto(body, bytes, headEnd + 4);
        return body.toByteArray();
    }

    /** The chunked body from {@code at}, or null if its last chunk has not arrived. */
    private static byte[] dechunk(byte[] bytes, int at) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        return dechunkInto(body, bytes, at) ? body.toByteArray() : null;
    }

    /** Appends the complete chunks from {@code at} to {@code body}; true once the last chunk has arrived. */
    private static boolean dechunkInto(java.io.ByteArrayOutputStream body, byte[] bytes, int at) {
        while (true) {
            int lineEnd = indexOf(bytes, "\r\n", at);
            if (lineEnd < 0) {
                return false;
            }
            String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                // no trailers: the final CRLF ends the response
                if (bytes.length < at + 2) {
                    return false;
                }
                if (bytes[at] != '\r' || bytes[at + 1] != '\n' || bytes.length > at + 2) {
                    throw new IllegalStateException("unexpected bytes after the last chunk");
                }
                return true;
            }
            if (bytes.length < at + size + 2) {
                return false;
            }
            body.write(bytes, at, size);
            at += size;
            if (bytes[at] != '\r' || bytes[at + 1] != '\n') {
                throw new IllegalStateException("a chunk not followed by CRLF");
            }
            at += 2;
        }
    }

    public static int indexOf(byte[] bytes, String ascii, int from) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = Math.max(0, from); i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
