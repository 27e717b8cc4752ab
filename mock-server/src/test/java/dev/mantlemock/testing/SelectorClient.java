package dev.mantlemock.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A load generator for tests: thousands of raw HTTP/1.1 connections driven by one thread and one
 * selector, so the client holds no thread per connection and what it sees is the server's doing. Each
 * connection carries one {@link Conversation}, which reads the bytes received and says what to do next.
 * A run is bounded by a count and a deadline, and closes every socket it opened before it returns.
 */
public final class SelectorClient {
    /** One client's exchange on one connection (or a few, if the server asks to close). */
    public interface Conversation {
        byte[] firstRequest();

        /** Everything received since the last request was sent; {@code closed} once the server has closed. */
        Step received(byte[] bytes, boolean closed);
    }

    /** What a conversation does after reading. */
    public sealed interface Step {
        /** Not enough yet: read more. */
        record Wait() implements Step {}
        /** Send this request on the same connection. */
        record Send(byte[] request) implements Step {}
        /** The server said {@code connection: close}: open a new connection and send this request on it. */
        record Reconnect(byte[] request) implements Step {}
        /** Close with a TCP reset (SO_LINGER 0), as a crashed or killed client would. */
        record Reset() implements Step {}
        /** All done: close normally. */
        record Done() implements Step {}
        /** Something the server must not do; the conversation ends as failed. */
        record Fail(String why) implements Step {}
    }

    public static final Step WAIT = new Step.Wait();
    public static final Step RESET = new Step.Reset();
    public static final Step DONE = new Step.Done();

    /**
     * @param succeeded  conversations that ended with Reset or Done
     * @param failed     conversations that failed: the conversation said so, or a connect, read or write failed
     * @param failures   the first few failures, in words
     * @param peakJvmThreads the JVM's highest thread count seen during the run (sampled twice a second)
     */
    public record Outcome(int succeeded, int failed, List<String> failures, int peakJvmThreads) {}

    private final InetSocketAddress server;
    private final int concurrency;
    private final Duration deadline;

    /** At most {@code concurrency} connections open at once; the run stops after {@code deadline} whatever is left. */
    public SelectorClient(int port, int concurrency, Duration deadline) {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.concurrency = concurrency;
        this.deadline = deadline;
    }

    private static final class Connection {
        final Conversation conversation;
        final ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteBuffer out;

        Connection(Conversation conversation, byte[] request) {
            this.conversation = conversation;
            this.out = ByteBuffer.wrap(request);
        }
    }

    /** Runs {@code total} conversations, keeping up to {@code concurrency} of them open at once. */
    public Outcome run(int total, Supplier<Conversation> conversations) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int peakThreads = threads.getThreadCount();
        long nextSample = System.nanoTime();
        long end = System.nanoTime() + deadline.toNanos();
        int started = 0;
        int open = 0;
        int succeeded = 0;
        int failed = 0;
        List<String> failures = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (Selector selector = Selector.open()) {
            try {
                while (succeeded + failed < total) {
                    if (System.nanoTime() > end) {
                        failed += total - succeeded - failed;
                        note(failures, "deadline of " + deadline + " passed with " + open + " conversations open and "
                                + (total - started) + " not started");
                        break;
                    }
                    while (open < concurrency && started < total) {
                        Conversation c = conversations.get();
                        started++;
                        open++;
                        if (!connect(selector, new Connection(c, c.firstRequest()), failures)) {
                            open--;
                            failed++;
                        }
                    }
                    if (System.nanoTime() >= nextSample) {
                        peakThreads = Math.max(peakThreads, threads.getThreadCount());
                        nextSample = System.nanoTime() + 500_000_000L;
                    }
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        Step outcome = service(selector, key, buffer, failures);
                        if (outcome instanceof Step.Fail f) {
                            note(failures, f.why());
                            failed++;
                            open--;
                        } else if (outcome != null) {
                            succeeded++;
                            open--;
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } finally {
                for (SelectionKey key : selector.keys()) {
                    resetQuietly((SocketChannel) key.channel());
                }
            }
        }
        return new Outcome(succeeded, failed, Collections.unmodifiableList(failures), peakThreads);
    }

    private boolean connect(Selector selector, Connection connection, List<String> failures) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(server);
            channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, connection);
            return true;
        } catch (IOException e) {
            note(failures, "connect: " + e);
            if (channel != null) {
                resetQuietly(channel);
            }
            return false;
        }
    }

    /** Moves one connection on; returns the step that ended its conversation, or null while it goes on. */
    private Step service(Selector selector, SelectionKey key, ByteBuffer buffer, List<String> failures) {
        SocketChannel channel = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        String doing = "connect";
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_WRITE);
                return null;
            }
            if (key.isWritable()) {
                doing = "write";
                channel.write(connection.out);
                if (!connection.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                return null;
            }
            doing = "read";
            buffer.clear();
            int n = channel.read(buffer);
            if (n > 0) {
                connection.in.write(buffer.array(), 0, n);
            }
            Step step;
            try {
                step = connection.conversation.received(connection.in.toByteArray(), n < 0);
            } catch (RuntimeException | AssertionError e) {
                step = new Step.Fail("an answer that could not be read (" + e + "): " + preview(connection.in.toByteArray()));
            }
            if (step instanceof Step.Wait) {
                if (n < 0) {
                    step = new Step.Fail("the server closed the connection mid-answer after " + connection.in.size()
                            + " bytes: " + preview(connection.in.toByteArray()));
                } else {
                    return null;
                }
            }
            if (step instanceof Step.Send s) {
                connection.in.reset();
                connection.out = ByteBuffer.wrap(s.request());
                key.interestOps(SelectionKey.OP_WRITE);
                return null;
            }
            if (step instanceof Step.Reconnect r) {
                channel.close();
                return connect(selector, new Connection(connection.conversation, r.request()), failures)
                        ? null : new Step.Fail("reconnect failed");
            }
            if (step instanceof Step.Reset || step instanceof Step.Fail) {
                resetQuietly(channel);
            } else {
                channel.close();
            }
            return step;
        } catch (IOException e) {
            resetQuietly(channel);
            return new Step.Fail(doing + ": " + e + (connection.in.size() > 0 ? " after " + preview(connection.in.toByteArray()) : ""));
        }
    }

    private static void resetQuietly(SocketChannel channel) {
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException ignored) {
            // not connected yet: a plain close is all there is
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    private static void note(List<String> failures, String why) {
        if (failures.size() < 10) {
            failures.add(why);
        }
    }

    public static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
