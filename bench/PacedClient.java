import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Holds N paced Messages streams open at once and measures when each event arrives: one thread, one
 * selector, no HTTP library in the way. For every stream the gap between consecutive
 * content_block_delta events is compared with the nominal gap (tokens per delta / tokens per second);
 * the report gives the distribution of |gap - nominal| over all gaps of all streams, and over the
 * steady-state gaps only (starting 3 s after the last stream was opened).
 *
 *   java [-Dpath=/anthropic/v1/messages] bench/PacedClient.java PORT STREAMS RAMP_MS NOMINAL_GAP_MS BODY_FILE HEADER_LINES...
 *
 * Prints one RESULT line. A stream counts as failed if it closes before message_stop or never connects.
 */
public class PacedClient {
    static final byte[] DELTA = "event: content_block_delta".getBytes(StandardCharsets.US_ASCII);
    static final byte[] STOP = "event: message_stop".getBytes(StandardCharsets.US_ASCII);

    static final class Stream {
        final SocketChannel ch;
        ByteBuffer out;
        int deltaMatch;
        int stopMatch;
        long lastDelta;
        long firstByte;
        int deltas;
        boolean done;
        Stream(SocketChannel ch, ByteBuffer out) { this.ch = ch; this.out = out; }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int streams = Integer.parseInt(args[1]);
        long rampMs = Long.parseLong(args[2]);
        double nominalMs = Double.parseDouble(args[3]);
        byte[] body = Files.readAllBytes(Path.of(args[4]));
        StringBuilder head = new StringBuilder("POST " + System.getProperty("path", "/anthropic/v1/messages") + " HTTP/1.1\r\n");
        head.append("host: 127.0.0.1:").append(port).append("\r\n");
        for (int i = 5; i < args.length; i++) {
            head.append(args[i]).append("\r\n");
        }
        head.append("content-length: ").append(body.length).append("\r\nconnection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);

        long nominalNanos = (long) (nominalMs * 1e6);
        long[] errors = new long[1 << 20];
        int nErrors = 0;
        // steady state: gaps that start once every stream is open and 3 s have passed (ramp-up and its
        // connection storm excluded); the all-gaps figures are reported too
        long steadyFrom = start(0) + (rampMs + 3_000) * 1_000_000L;
        long[] steady = new long[1 << 20];
        int nSteady = 0;
        long gapSum = 0;
        int opened = 0, completed = 0, failed = 0, open = 0, maxOpen = 0;
        Selector selector = Selector.open();
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        byte[] buf = new byte[64 * 1024];
        long start = start(0);
        long deadline = start + (rampMs + 120_000) * 1_000_000L;
        while (completed + failed < streams && System.nanoTime() < deadline) {
            // ramp: open streams evenly over rampMs
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            int due = rampMs == 0 ? streams : (int) Math.min(streams, (elapsedMs + 1) * streams / rampMs);
            while (opened < due) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                ch.register(selector, SelectionKey.OP_CONNECT, new Stream(ch, ByteBuffer.wrap(request)));
                opened++;
            }
            selector.select(5);
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                Stream s = (Stream) key.attachment();
                try {
                    if (key.isConnectable()) {
                        s.ch.finishConnect();
                        key.interestOps(SelectionKey.OP_WRITE);
                        open++;
                        maxOpen = Math.max(maxOpen, open);
                    } else if (key.isWritable()) {
                        s.ch.write(s.out);
                        if (!s.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        in.clear();
                        int n = s.ch.read(in);
                        long now = System.nanoTime();
                        if (n < 0) {
                            key.cancel();
                            s.ch.close();
                            open--;
                            if (s.done) completed++; else failed++;
                            continue;
                        }
                        if (s.firstByte == 0) s.firstByte = now;
                        in.flip();
                        in.get(buf, 0, n);
                        for (int i = 0; i < n; i++) {
                            byte b = buf[i];
                            s.deltaMatch = step(DELTA, s.deltaMatch, b);
                            if (s.deltaMatch == DELTA.length) {
                                s.deltaMatch = 0;
                                if (s.lastDelta != 0) {
                                    long gap = now - s.lastDelta;
                                    gapSum += gap;
                                    if (nErrors == errors.length) errors = Arrays.copyOf(errors, errors.length * 2);
                                    errors[nErrors++] = Math.abs(gap - nominalNanos);
                                    if (s.lastDelta >= steadyFrom) {
                                        if (nSteady == steady.length) steady = Arrays.copyOf(steady, steady.length * 2);
                                        steady[nSteady++] = Math.abs(gap - nominalNanos);
                                    }
                                }
                                s.lastDelta = now;
                                s.deltas++;
                            }
                            s.stopMatch = step(STOP, s.stopMatch, b);
                            if (s.stopMatch == STOP.length) {
                                s.stopMatch = 0;
                                s.done = true;
                            }
                        }
                        if (s.done) { // the stream is over: close our side rather than wait for the server's
                            key.cancel();
                            s.ch.close();
                            open--;
                            completed++;
                        }
                    }
                } catch (IOException e) {
                    key.cancel();
                    try { s.ch.close(); } catch (IOException ignored) { }
                    if (key.isValid() || open > 0) open = Math.max(0, open - 1);
                    failed++;
                }
            }
        }
        long[] e = Arrays.copyOf(errors, nErrors);
        Arrays.sort(e);
        long[] st = Arrays.copyOf(steady, nSteady);
        Arrays.sort(st);
        System.out.printf("RESULT streams=%d completed=%d failed=%d max_open=%d gaps=%d mean_gap_ms=%.2f "
                        + "err_p50_ms=%.2f err_p99_ms=%.2f err_p999_ms=%.2f err_max_ms=%.2f "
                        + "steady_gaps=%d steady_p50_ms=%.2f steady_p99_ms=%.2f steady_p999_ms=%.2f steady_max_ms=%.2f wall_s=%.1f%n",
                streams, completed, failed, maxOpen, nErrors, nErrors == 0 ? 0 : gapSum / 1e6 / nErrors,
                pct(e, 50), pct(e, 99), pct(e, 99.9), nErrors == 0 ? 0 : e[nErrors - 1] / 1e6,
                nSteady, pct(st, 50), pct(st, 99), pct(st, 99.9), nSteady == 0 ? 0 : st[nSteady - 1] / 1e6,
                (System.nanoTime() - start) / 1e9);
    }

    private static long startNanos;

    /** The client's time origin, fixed at the first call. */
    static long start(int ignored) {
        if (startNanos == 0) startNanos = System.nanoTime();
        return startNanos;
    }

    /** One byte of a substring match; the patterns have no proper prefix that is also a suffix except 'e'. */
    static int step(byte[] pattern, int matched, byte b) {
        if (pattern[matched] == b) return matched + 1;
        return pattern[0] == b ? 1 : 0;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
