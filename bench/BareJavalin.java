import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import jakarta.servlet.ServletOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's floor: a bare Javalin 7 handler (same Javalin and Jetty as the mock, compression off
 * like the mock) answering with the same canned bytes and nothing else.
 *
 *   java -cp mock-server/target/mock-server.jar bench/BareJavalin.java PORT canned.json canned.sse
 *
 * POST /anthropic/v1/messages -> the canned Message; POST /stream -> the canned 10-event stream,
 * flushed event by event as the mock does; POST /paced -> the same stream with its delta sent 125 times,
 * one every 200 ms from a shared 2-thread timer (how the mock paces), the control for the paced-stream
 * timing measurement; GET /health -> 200.
 */
public class BareJavalin {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] json = Files.readAllBytes(Path.of(args[1]));
        List<byte[]> events = new ArrayList<>();
        for (String e : Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).split("\n\n")) {
            if (!e.isBlank()) {
                events.add((e + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            cfg.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            cfg.routes.post("/anthropic/v1/messages", ctx -> {
                ctx.contentType("application/json");
                ctx.result(json);
            });
            cfg.routes.post("/paced", ctx -> {
                ctx.res().setContentType("text/event-stream; charset=utf-8");
                ctx.res().setHeader("cache-control", "no-cache");
                ServletOutputStream out = ctx.res().getOutputStream();
                for (int i = 0; i < 3; i++) {
                    out.write(events.get(i));
                }
                out.flush();
                CompletableFuture<Void> done = new CompletableFuture<>();
                Runnable[] step = new Runnable[1];
                int[] sent = {0};
                step[0] = () -> {
                    try {
                        out.write(events.get(3));
                        out.flush();
                        if (++sent[0] < 125) {
                            timer.schedule(step[0], 200, TimeUnit.MILLISECONDS);
                            return;
                        }
                        for (int i = 7; i < events.size(); i++) {
                            out.write(events.get(i));
                        }
                        out.close();
                    } catch (Exception e) {
                        // the client left
                    }
                    done.complete(null);
                };
                timer.schedule(step[0], 200, TimeUnit.MILLISECONDS);
                ctx.future(() -> done);
            });
            cfg.routes.post("/stream", ctx -> {
                ctx.res().setContentType("text/event-stream; charset=utf-8");
                ctx.res().setHeader("cache-control", "no-cache");
                ServletOutputStream out = ctx.res().getOutputStream();
                for (byte[] event : events) {
                    out.write(event);
                    out.flush();
                }
                out.close();
            });
        }).start();
        System.out.println("bare Javalin ready on " + port + " (" + events.size() + " stream events)");
    }
}
