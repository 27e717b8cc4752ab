package dev.mantlemock.testing;

import java.nio.charset.StandardCharsets;

/** Raw HTTP/1.1 requests as bytes, for clients that write them to sockets themselves. */
public final class RawRequest {
    private RawRequest() {}

    /** A Messages POST with the usual headers (bearer key, version 2023-06-01, JSON), on a keep-alive connection. */
    public static byte[] messages(String body, String... extraHeaders) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST /anthropic/v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\n")
                .append("authorization: Bearer ").append(RunningMock.API_KEY).append("\r\n")
                .append("anthropic-version: 2023-06-01\r\ncontent-type: application/json\r\n");
        for (int i = 0; i < extraHeaders.length; i += 2) {
            head.append(extraHeaders[i]).append(": ").append(extraHeaders[i + 1]).append("\r\n");
        }
        head.append("content-length: ").append(json.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(h, h.length + json.length);
        System.arraycopy(json, 0, request, h.length, json.length);
        return request;
    }

    /**
     * Writes a whole request as given (request line, headers, body: nothing added, Host included) on a
     * new connection, and reads until the server closes it: for what no HTTP client would send.
     */
    public static String exchange(int port, String request) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no answer from 127.0.0.1:" + port, e);
        }
    }

    /** {@link #exchange} for a request with a response body, parsed. */
    public static RawResponse send(int port, String request) {
        String answer = exchange(port, request);
        RawResponse parsed = RawResponse.parseIfComplete(answer.getBytes(StandardCharsets.UTF_8));
        if (parsed == null) {
            throw new IllegalStateException("an incomplete response: " + answer);
        }
        return parsed;
    }

    /** Reads a response from a socket until {@code marker} has arrived; what arrived so far. Fails the test if it ends first. */
    public static String readUntil(java.io.InputStream in, String marker) throws java.io.IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[1024];
        while (seen.indexOf(marker) < 0) {
            int n = in.read(buf);
            if (n <= 0) {
                throw new AssertionError("the response ended before " + marker + " arrived: " + seen);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }
}
