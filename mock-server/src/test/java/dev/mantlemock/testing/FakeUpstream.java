package dev.mantlemock.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * An upstream that misbehaves, on a raw socket on 127.0.0.1: it answers every request the same way
 * (an endless body, an endless SSE line, endless valid deltas, silence, or a fixed raw answer) and counts
 * what a test asserts: connections accepted and still open (one is closed when the mock closes it), and
 * bytes written. One thread per connection, all daemons, ended by {@link #close}.
 */
public final class FakeUpstream implements AutoCloseable {
    /** What the fake does once it has read a request. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(OutputStream out, AtomicLong written) throws IOException;
    }

    private static final byte[] FILL = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakeUpstream(Behaviour behaviour) throws IOException {
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        this.acceptor = daemon("fake-upstream-accept", this::acceptAll);
    }

    public static FakeUpstream start(Behaviour behaviour) {
        try {
            return new FakeUpstream(behaviour);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A 200 JSON answer without content-length that never ends. */
    public static Behaviour endlessBody() {
        return (out, written) -> {
            out.write(head("application/json"));
            while (true) {
                out.write(FILL);
                written.addAndGet(FILL.length);
            }
        };
    }

    /** A 200 stream whose first line never ends. */
    public static Behaviour endlessSseLine() {
        return (out, written) -> {
            out.write(head("text/event-stream"));
            out.write("event: message_start\ndata: {\"a\":\"".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write(FILL);
                written.addAndGet(FILL.length);
            }
        };
    }

    /** A 200 stream of valid events: a message start, then text deltas; {@code count} of them, or endless when negative. */
    public static Behaviour deltas(long count) {
        return (out, written) -> {
            out.write(head("text/event-stream"));
            out.write(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"" + RunningMock.MODEL + "\",\"content\":[],\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}"));
            out.write(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            byte[] delta = event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + "word ".repeat(40) + "\"}}");
            for (long i = 0; count < 0 || i < count; i++) {
                out.write(delta);
                written.addAndGet(delta.length);
            }
            out.write(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            out.write(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + Math.max(1, count) + "}}"));
            out.write(event("message_stop", "{\"type\":\"message_stop\"}"));
            out.flush();
            out.close();
        };
    }

    /** Accepts, reads the request, and says nothing until the mock closes the connection. */
    public static Behaviour silent() {
        return (out, written) -> { };
    }

    /** A whole answer as given: status line, headers and body; the connection then closes. */
    public static Behaviour raw(int status, String contentType, String body, String... headers) {
        return (out, written) -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\ncontent-type: " + contentType
                    + "\r\ncontent-length: " + b.length + "\r\nconnection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                h.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            out.write(h.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.flush();
            out.close();
        };
    }

    /** A 200 JSON Message with the given content and stop reason, as written (for answers the fixture rules refuse). */
    public static Behaviour message(String contentJson, String stopReason) {
        return raw(200, "application/json", "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
                + RunningMock.MODEL + "\",\"content\":" + contentJson + ",\"stop_reason\":\"" + stopReason + "\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}");
    }

    /** A stream whose events are not JSON (a misbehaving gateway). */
    public static Behaviour invalidJsonStream() {
        return raw(200, "text/event-stream", "event: message_start\ndata: not json\n\nevent: message_delta\ndata: 42\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/anthropic";
    }

    /** Connections the mock opened. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections the mock opened and has not closed. */
    public int open() {
        return open.get();
    }

    /** Body bytes written to the mock (what it had to read or refuse). */
    public long written() {
        return written.get();
    }

    /** Waits (at most 15 s) until {@code condition} holds; whether it did. */
    public static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                open.incrementAndGet();
                sockets.add(s);
                daemon("fake-upstream-conn", () -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            readRequest(in);
            behaviour.answer(s.getOutputStream(), written);
            while (in.read() >= 0) {
                // the mock may not send more; its closing the connection is what is waited for
            }
        } catch (IOException e) {
            // the mock closed or reset the connection
        } finally {
            open.decrementAndGet();
        }
    }

    /** Request line and headers, then the body its content-length states. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request ended");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        in.readNBytes((int) length);
    }

    private static byte[] head(String contentType) {
        return ("HTTP/1.1 200 OK\r\ncontent-type: " + contentType + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] event(String name, String data) {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        acceptor.interrupt();
    }
}
