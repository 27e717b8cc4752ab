import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cold-path client: launches a server, and times its first N requests from the moment it is launched.
 *
 *   java bench/ColdClient.java WARM_PORT PORT PATH BODY HEADERS N CONCURRENCY OUT_TSV -- server command...
 *
 * The client warms itself up first (20,000 requests to an already warm server on WARM_PORT, same request),
 * so what is timed afterwards is the server's cold path, not the client's. Then it starts the server
 * command, retries request 1 every 2 ms until it is answered (connection refused = not listening yet), and
 * sends requests 2..N on CONCURRENCY keep-alive connections. Each request's latency goes to OUT_TSV
 * (index, ms); the RESULT line gives launch to first answer, first answer to the N-th, and latency
 * percentiles over requests 1-10, 11-100 and 101-N. Raw HTTP/1.1 on sockets (Content-Length or chunked):
 * nothing in the client has its own warm-up left to do.
 */
public class ColdClient {
    public static void main(String[] args) throws Exception {
        int warmPort = Integer.parseInt(args[0]);
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        byte[] body = Files.readAllBytes(Path.of(args[3]));
        List<String> headers = Files.readAllLines(Path.of(args[4]));
        int n = Integer.parseInt(args[5]);
        int concurrency = Integer.parseInt(args[6]);
        Path out = Path.of(args[7]);
        List<String> command = Arrays.asList(args).subList(Arrays.asList(args).indexOf("--") + 1, args.length);

        byte[] warmRequest = request(warmPort, path, body, headers);
        try (Conn c = new Conn(warmPort)) {
            for (int i = 0; i < 20_000; i++) {
                c.exchange(warmRequest);
            }
        }
        try (Socket busy = new Socket()) {   // a server left from an earlier run would answer warm
            busy.connect(new InetSocketAddress("127.0.0.1", port));
            throw new IllegalStateException("port " + port + " is already in use");
        } catch (ConnectException free) {
            // as it must be
        }
        byte[] req = request(port, path, body, headers);
        long[] latency = new long[n];
        int[] status = new int[n];
        long launched = System.nanoTime();
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Conn first = null;
            long t0;
            while (true) {
                t0 = System.nanoTime();
                try {
                    first = new Conn(port);
                    status[0] = first.exchange(req);
                    latency[0] = System.nanoTime() - t0;
                    break;
                } catch (ConnectException notYet) {
                    if (!server.isAlive()) {
                        throw new IllegalStateException("server exited with " + server.exitValue());
                    }
                    Thread.sleep(2);
                } catch (IOException early) {   // accepted, then closed while starting: try again
                    if (first != null) {
                        first.close();
                    }
                    Thread.sleep(2);
                }
            }
            long firstAnswered = System.nanoTime();
            AtomicInteger next = new AtomicInteger(1);
            List<Thread> threads = new ArrayList<>();
            Conn[] conns = new Conn[concurrency];
            conns[0] = first;
            for (int i = 1; i < concurrency; i++) {
                conns[i] = new Conn(port);
            }
            for (int t = 0; t < concurrency; t++) {
                Conn c = conns[t];
                Thread th = new Thread(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            long s = System.nanoTime();
                            status[i] = c.exchange(req);
                            latency[i] = System.nanoTime() - s;
                        }
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
            long allAnswered = System.nanoTime();
            for (Conn c : conns) {
                c.close();
            }
            StringBuilder tsv = new StringBuilder("request\tms\tstatus\n");
            int non200 = 0;
            for (int i = 0; i < n; i++) {
                tsv.append(i + 1).append('\t').append(String.format("%.3f", latency[i] / 1e6)).append('\t').append(status[i]).append('\n');
                if (status[i] != 200) {
                    non200++;
                }
            }
            Files.writeString(out, tsv);
            Files.writeString(Path.of(out + ".threads"), threadCpu(server.pid()));
            System.out.printf("RESULT launch_to_first_ms=%.0f first_to_last_ms=%.0f launch_to_last_ms=%.0f"
                            + " p50_1_10=%.2f max_1_10=%.2f p50_11_100=%.2f p99_11_100=%.2f p50_101_%d=%.3f p99_101_%d=%.3f non200=%d%n",
                    (firstAnswered - launched) / 1e6, (allAnswered - firstAnswered) / 1e6, (allAnswered - launched) / 1e6,
                    pct(latency, 0, 10, 50), pct(latency, 0, 10, 100), pct(latency, 10, 100, 50), pct(latency, 10, 100, 99),
                    n, pct(latency, 100, n, 50), n, pct(latency, 100, n, 99), non200);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * CPU time the server has used so far, per kind of thread (JIT compilers, GC, Jetty's pool, the rest),
     * from /proc: where the cold phase's CPU went.
     */
    static String threadCpu(long pid) throws IOException {
        java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
        long tick = 100;   // USER_HZ on Linux
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / tick;
                String kind = name.startsWith("C2 Compiler") ? "jit-c2" : name.startsWith("C1 Compiler") ? "jit-c1"
                        : name.startsWith("GC ") || name.startsWith("G1 ") || name.contains("GC") ? "gc"
                        : name.startsWith("qtp") || name.startsWith("JettyServerThre") || name.startsWith("worker") ? "jetty-pool"
                        : name.startsWith("messages-worker") ? "mock-workers" : name.equals("java") ? "main" : "other:" + name.replaceAll("[0-9#]+$", "");
                byKind.merge(kind, ms, Long::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        byKind.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        return sb.toString();
    }

    static double pct(long[] ns, int from, int to, int p) {
        long[] s = Arrays.copyOfRange(ns, from, Math.min(to, ns.length));
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    static byte[] request(int port, String path, byte[] body, List<String> headers) {
        StringBuilder h = new StringBuilder("POST " + path + " HTTP/1.1\r\nhost: 127.0.0.1:" + port + "\r\n");
        for (String line : headers) {
            if (!line.isBlank() && !line.toLowerCase().startsWith("host:")) {
                h.append(line).append("\r\n");
            }
        }
        h.append("content-length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
        b.writeBytes(body);
        return b.toByteArray();
    }

    /** One keep-alive HTTP/1.1 connection; reads a whole response (Content-Length or chunked). */
    static final class Conn implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Conn(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 65536);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            for (String l = line(); !l.isEmpty(); l = line()) {
                String lower = l.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("no length");
            }
            return status;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long s = in.skip(n);
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("closed");
                    }
                    s = 1;
                }
                n -= s;
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("closed");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
