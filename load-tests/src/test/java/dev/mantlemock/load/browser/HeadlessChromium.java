package dev.mantlemock.load.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.load.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real browser for the tests of the pages people look at (the probe's report, the mock's live
 * dashboard): headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol, so a
 * test can open a page that never stops loading (the dashboard follows a live feed), wait for a
 * condition, read values out of the drawn DOM and keep a screenshot. Every command is bounded in time;
 * {@link #close} ends the browser and all its child processes.
 *
 * <p>Without Chromium a test is skipped with a message naming the package to install, except under
 * CI (the {@code CI} environment variable set), where a missing browser fails the build: CI must run these.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The browser, or the test is skipped (locally) or failed (under CI) when it is not installed. */
    public static HeadlessChromium startOrSkip() {
        Path binary = binary();
        if (binary == null) {
            System.err.println("\n*** " + MISSING + " ***\n");
            missing(System.getenv("CI") != null);
        }
        return start(binary);
    }

    static final String MISSING = "Chromium is not installed, so the browser tests cannot run. Install it with: "
            + "apt-get update && apt-get install -y chromium (or set -Dchromium.path=...)";

    /** No browser: the test is skipped, or under CI failed. Always throws. */
    static void missing(boolean ci) {
        if (ci) {
            Assertions.fail(MISSING + " (CI is set: browser tests must run in CI)");
        }
        Assumptions.abort(MISSING);
    }

    static Path binary() {
        String configured = System.getProperty("chromium.path");
        Stream<String> options = configured != null ? Stream.of(configured) : CANDIDATES.stream();
        return options.map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static HeadlessChromium start(Path binary) {
        Path profile;
        Process process;
        try {
            profile = Files.createTempDirectory("chromium-profile-");
            process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                    "--disable-background-networking", "--disable-sync", "--hide-scrollbars", "--mute-audio",
                    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                    "--user-data-dir=" + profile, "--window-size=1280,1000", "about:blank")
                    .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        try {
            int port = devToolsPort(profile, process);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String pageSocket = pageTarget(http, port);
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(pageSocket), listener).get(10, TimeUnit.SECONDS);
            HeadlessChromium browser = new HeadlessChromium(process, profile, socket);
            listener.browser = browser;
            browser.send("Page.enable", JSON.createObjectNode());
            return browser;
        } catch (Exception e) {
            Processes.stop(process);
            throw new IllegalStateException("Chromium started but could not be driven: " + e.getMessage()
                    + " (log: " + profile.resolve("chromium.log") + ")", e);
        }
    }

    /** Chromium writes the port it chose to its profile once DevTools listens. */
    private static int devToolsPort(Path profile, Process process) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue());
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("Chromium did not open its DevTools port within 30 s");
    }

    private static String pageTarget(HttpClient http, int port) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(r.body())) {
                if ("page".equals(target.path("type").asText())) {
                    return target.path("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("Chromium showed no page target within 10 s");
    }

    /** Opens {@code url} and waits for its load event (a page following a live feed has loaded long before it ends). */
    public void open(String url) {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        JsonNode result = send("Page.navigate", params);
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("Chromium could not open " + url + ": " + result.get("errorText").asText());
        }
        waitFor("document.readyState === 'complete'", Duration.ofSeconds(20));
    }

    /** Evaluates a JavaScript expression in the page and returns its value as JSON. */
    public JsonNode evaluate(String expression) {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw on '" + expression + "': " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code condition} (a JavaScript expression) is true in the page; fails with what it was waiting for. */
    public void waitFor(String condition, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (evaluate("Boolean(" + condition + ")").asBoolean()) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("the page did not reach '" + condition + "' within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The page as it is drawn now. */
    public String dom() {
        return evaluate("document.documentElement.outerHTML").asText();
    }

    /** A PNG of the whole page (not only the window) to {@code file}, for people to look at. */
    public Path screenshot(Path file) {
        JsonNode size = send("Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize");
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("scale", 1)
                .put("width", Math.max(1, size.path("width").asDouble(1280)))
                .put("height", Math.min(6000, Math.max(1, size.path("height").asDouble(1000))));
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        byte[] png = Base64.getDecoder().decode(send("Page.captureScreenshot", params).path("data").asText());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params);
        try {
            socket.sendText(command.toString(), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + COMMAND_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pending.remove(id);
        }
    }

    /** Collects text frames (a screenshot arrives in many) and hands each answer to the command waiting for it. */
    private static final class Listener implements WebSocket.Listener {
        volatile HeadlessChromium browser;
        private final StringBuilder frame = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                String message = frame.toString();
                frame.setLength(0);
                try {
                    JsonNode node = JSON.readTree(message);
                    HeadlessChromium b = browser;
                    if (b != null && node.has("id")) {
                        CompletableFuture<JsonNode> waiting = b.pending.get(node.get("id").asInt());
                        if (waiting != null) {
                            waiting.complete(node);
                        }
                    }
                } catch (IOException ignored) {
                    // not JSON: nothing waits for it
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            Processes.stop(process);
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
