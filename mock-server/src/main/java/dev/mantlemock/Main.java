package dev.mantlemock;

import dev.mantlemock.config.AdvertisedUrl;
import dev.mantlemock.config.CommandLine;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.server.MockServer;

/** {@code java -jar mock-server.jar [--port N] [--config FILE] ...}: starts the mock and prints its base URL. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(CommandLine.usage());
            return;
        }
        if (args.length == 2 && args[0].equals(CommandLine.CHECK_FIXTURES)) {
            System.exit(dev.mantlemock.server.FixtureCheck.run(java.nio.file.Path.of(args[1]), System.out));
            return;
        }
        if (java.util.Arrays.asList(args).contains(dev.mantlemock.server.TrainingRun.FLAG)) {
            String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals(dev.mantlemock.server.TrainingRun.FLAG)).toArray(String[]::new);
            try {
                System.exit(dev.mantlemock.server.TrainingRun.run(CommandLine.parse(System.getenv(), rest), System.out));
            } catch (ConfigException | IllegalArgumentException | ApiException e) {
                System.err.println("mock-server: " + e.getMessage());
                System.exit(2);
            }
            return;
        }
        MockServer server;
        MockConfig config = null;
        try {
            config = CommandLine.parse(System.getenv(), args);
            server = MockServer.start(config);
        } catch (ConfigException | IllegalArgumentException | ApiException e) { // ApiException: a setting the admin API would refuse too
            System.err.println("mock-server: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            // Most often the port is taken; say so in one line instead of a stack trace.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("mock-server: could not start: " + (root instanceof java.net.BindException && config != null
                    ? "port " + config.port + " on " + config.host + " is already in use (is another mock still running?)."
                            + " Stop it, or choose another port with --port N (--port 0 picks a free one)."
                    : root.getMessage()));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.println("Mantle mock ready: ANTHROPIC_BEDROCK_MANTLE_BASE_URL="
                + AdvertisedUrl.of(config, server.boundHost(), server.port()) + " (" + listening(config, server) + "profile " + config.profile + ", region " + config.region + ", streaming " + config.streaming.preset
                + ", fixtures " + config.fixtures + upstreamMode(config) + ", " + config.auth.withRegion(config.region).describe() + ")");
    }

    /** Where it listens, when the URL above does not say it (every interface, or an advertised URL). */
    private static String listening(MockConfig config, MockServer server) {
        String bound = server.boundHost();
        return config.advertisedUrl == null && !AdvertisedUrl.everyInterface(bound) ? ""
                : "listening on " + (bound == null || bound.isEmpty() ? "0.0.0.0" : bound.contains(":") ? "[" + bound + "]" : bound)
                        + ":" + server.port()
                        + (config.admin.token == null && AdvertisedUrl.everyInterface(bound) ? ", admin API off until an admin token is set" : "")
                        + ", ";
    }

    /** Record, replay-miss and compare settings, when they differ from plain mocking. */
    private static String upstreamMode(MockConfig config) {
        String mode = config.record.from == null ? "" : config.record.recordsEverything()
                ? ", recording from " + config.record.from + " to " + config.record.dir
                : ", recording misses from " + config.record.from + " to " + config.record.dir;
        if (!config.record.onMiss.equals("generate")) {
            mode += ", on miss " + config.record.onMiss;
        }
        return config.compare.with == null ? mode : mode + ", comparing with " + config.compare.with + " (drift log "
                + config.compare.driftLog + ")";
    }
}
