package dev.mantlemock.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The mock, started from its jar in a JVM of its own on a free loopback port, with the quota a run
 * tests. A separate process keeps Gatling's logback and Netty away from the mock's classpath, and
 * the mock's CPU and GC out of the load generator's measurements.
 */
public final class MockProcess implements AutoCloseable {
    private static final String READY = "ANTHROPIC_BEDROCK_MANTLE_BASE_URL=";

    private final Process process;
    private final String baseUrl;
    private final Thread stopOnExit;

    private MockProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
        // If the load run is killed, the mock must not outlive it.
        this.stopOnExit = new Thread(process::destroy, "stop-mock");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts {@code java -jar jar --host 127.0.0.1 --port 0 args...} and waits for its ready line. */
    public static MockProcess start(Path jar, List<String> args) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the mock's jar is not at " + jar.toAbsolutePath()
                    + ": build it first (mvn -B -q -DskipTests package), or set -Dload.mockJar");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--host", "127.0.0.1", "--port", "0"));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the mock: " + command, e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = new CompletableFuture<>();
        List<String> early = new ArrayList<>();
        Thread drain = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    int at = line.indexOf(READY);
                    if (at >= 0 && !ready.isDone()) {
                        ready.complete(line.substring(at + READY.length()).split(" ")[0]);
                    } else if (!ready.isDone()) {
                        early.add(line);
                    }
                }
            } catch (IOException ignored) {
                // The process ended; the wait below reports it.
            }
            ready.completeExceptionally(new IllegalStateException("the mock exited before it was ready: " + String.join(" | ", early)));
        }, "mock-output");
        drain.setDaemon(true);
        drain.start();
        try {
            return new MockProcess(process, ready.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the mock did not start: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT/anthropic}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code http://127.0.0.1:PORT}: where {@code /_mock/...} lives. */
    public String adminUrl() {
        return baseUrl.substring(0, baseUrl.length() - "/anthropic".length());
    }

    @Override
    public void close() {
        Processes.stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException ignored) {
            // Already shutting down.
        }
    }
}
