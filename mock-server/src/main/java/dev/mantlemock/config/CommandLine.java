package dev.mantlemock.config;

import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.fixtures.FixtureCatalogue;
import dev.mantlemock.quota.QuotaConfig;
import dev.mantlemock.quota.QuotaExceeded;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The flags of {@code java -jar mock-server.jar}. A flag overrides its environment variable, which overrides
 * the config file's value. Each flag is one line of the table below: name, what it sets, and its help text;
 * its variable is the name in capitals with {@code MANTLE_MOCK_} in front ({@code --admin-token}:
 * {@code MANTLE_MOCK_ADMIN_TOKEN}), so a container is configured without a command line.
 */
public final class CommandLine {
    private record Flag(String help, BiConsumer<MockConfig, String> apply) {}

    private static final Map<String, Flag> FLAGS = new java.util.LinkedHashMap<>();

    static {
        FLAGS.put("--host", new Flag("address to bind (default 127.0.0.1)", (c, v) -> c.host = v));
        FLAGS.put("--port", new Flag("port (default 8080; 0 picks a free port)", (c, v) -> c.port = port(v)));
        FLAGS.put("--fixtures", new Flag("directory of fixture files, 'shipped' (default: the project's fixtures/,"
                + " built into the jar) or 'none'", (c, v) -> c.fixtures = v));
        FLAGS.put("--profile", new Flag("feature profile: preview (default) or ga", (c, v) -> c.profile = v));
        FLAGS.put("--region", new Flag("AWS region the mock answers for (default us-east-1)", (c, v) -> c.region = v));
        FLAGS.put("--streaming", new Flag("stream pacing preset: fast (default) or realistic", (c, v) -> c.streaming.preset = v));
        FLAGS.put("--latency-model", new Flag("on: pace answers by prompt size and load (bedrock/latency.yaml); off (default)",
                (c, v) -> c.streaming.latencyModel = v));
        FLAGS.put("--latency-table", new Flag("the latency model's table, fitted to an account (same form as bedrock/latency.yaml)",
                (c, v) -> c.streaming.latencyTable = v));
        FLAGS.put("--seed", new Flag("seed of generated answers (default 0)", (c, v) -> c.generator.seed = number(v, "--seed")));
        FLAGS.put("--input-tpm", new Flag("input tokens per minute per account and model (default 2000000)",
                (c, v) -> c.quota.inputTokensPerMinute = atLeast(1, v, "--input-tpm")));
        FLAGS.put("--output-tpm", new Flag("output tokens per minute per account and model (default 500000)",
                (c, v) -> c.quota.outputTokensPerMinute = atLeast(1, v, "--output-tpm")));
        FLAGS.put("--rpm", new Flag("requests per minute per account and model (default 0 = no RPM quota)",
                (c, v) -> c.quota.requestsPerMinute = atLeast(0, v, "--rpm")));
        FLAGS.put("--quota-window", new Flag("quota window in seconds; quotas scale with it (default 60)",
                (c, v) -> c.quota.windowSeconds = seconds(v, "--quota-window")));
        FLAGS.put("--quota-exceeded", new Flag("over the quota: 'throttle' (default, 429 at once) or 'queue' (wait for room, then 429)",
                (c, v) -> c.quota.onQuotaExceeded = oneOf(v, "--quota-exceeded")));
        FLAGS.put("--quota-max-queue-wait", new Flag("in queue mode, seconds a request may wait for room (default 10)",
                (c, v) -> c.quota.maxQueueWaitSeconds = queueWait(v)));
        FLAGS.put("--quotas", new Flag("quota admission 'on' (default) or 'off'",
                (c, v) -> c.quota.enabled = onOff(v, "--quotas")));
        FLAGS.put("--admin-token", new Flag("token the /_mock/ admin API requires (needed off loopback)",
                (c, v) -> c.admin.token = v));
        FLAGS.put("--admin-allowed-hosts", new Flag("further Host names the admin API answers to, comma-separated"
                + " (e.g. a compose service name); localhost and IP addresses always pass",
                (c, v) -> c.admin.allowedHosts = commaList(v)));
        FLAGS.put("--advertised-url", new Flag("the URL clients reach the mock by, shown in the ready line"
                + " (default: the bound address; localhost when bound to every interface)",
                (c, v) -> c.advertisedUrl = AdvertisedUrl.check(v)));
        FLAGS.put("--auth-mode", new Flag("strict, lenient (default) or off (docs/auth.md)", (c, v) -> c.auth.mode = authMode(v)));
        FLAGS.put("--journal-size", new Flag("requests kept in the journal (default 1000; 0 = off)",
                (c, v) -> c.journal.size = (int) Math.min(Integer.MAX_VALUE, atLeast(0, v, "--journal-size"))));
        FLAGS.put("--record-from", new Flag("record: forward every request to this upstream (e.g."
                + " https://bedrock-mantle.us-east-1.api.aws/anthropic), re-signed with your AWS credentials, and write"
                + " each exchange as a fixture", (c, v) -> c.record.from = v));
        FLAGS.put("--record-region", new Flag("SigV4 region of --record-from (default: read from the URL)",
                (c, v) -> c.record.region = v));
        FLAGS.put("--record-dir", new Flag("where recordings are written (default recordings)", (c, v) -> c.record.dir = v));
        FLAGS.put("--on-miss", new Flag("what answers a request no fixture matches: generate (default), fail (404 naming"
                + " the nearest recordings) or record (needs --record-from)", (c, v) -> c.record.onMiss = v));
        FLAGS.put("--compare-with", new Flag("compare: answer from this upstream and log where the mock's own answer"
                + " differs", (c, v) -> c.compare.with = v));
        FLAGS.put("--compare-region", new Flag("SigV4 region of --compare-with (default: read from the URL)",
                (c, v) -> c.compare.region = v));
        FLAGS.put("--drift-log", new Flag("the drift log of --compare-with, JSON lines (default mantle-drift.jsonl)",
                (c, v) -> c.compare.driftLog = v));
        FLAGS.put("--fixtures-strict", new Flag("'on': a fixture file that cannot be loaded stops the start; 'off' (default):"
                + " it is named in the log and skipped", (c, v) -> c.fixtureLimits.strict = onOff(v, "--fixtures-strict")));
    }

    private CommandLine() {}

    /** The prefix of the environment variables that stand for flags. */
    public static final String ENV_PREFIX = "MANTLE_MOCK_";

    /**
     * Variables with the prefix that belong to the image's tooling (docker/build-local.sh, the Testcontainers
     * module, the compose example), not to the mock: CI exports them to every process, the jar's included.
     */
    static final java.util.Set<String> TOOLING_VARIABLES = java.util.Set.of("MANTLE_MOCK_IMAGE", "MANTLE_MOCK_BUILD_IMAGE",
            "MANTLE_MOCK_RUNTIME_IMAGE", "MANTLE_MOCK_DOCKERFILE_TEST", "MANTLE_MOCK_HOST_PORT", "MANTLE_MOCK_ADMIN_URL");

    /** Reads {@code --config FILE} first, then applies every other flag over it; no environment variable. */
    public static MockConfig parse(String... args) {
        return parse(Map.of(), args);
    }

    /**
     * The config file ({@code --config}, else {@code MANTLE_MOCK_CONFIG}), then each {@code MANTLE_MOCK_}
     * variable of {@code env} over it, then the flags over those. A variable with that prefix that stands
     * for no flag stops the start, like an unknown flag: a typo in a compose file must not pass unseen.
     */
    public static MockConfig parse(Map<String, String> env, String... args) {
        String configFile = nonEmpty(env.get(ENV_PREFIX + "CONFIG"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                configFile = value(args, i);
            }
        }
        MockConfig config = configFile == null ? new MockConfig() : ConfigLoader.load(Path.of(configFile));
        if (config.fixtures == null) {
            // The jar serves the shipped fixtures unless told otherwise, so the README's scenarios answer.
            config.fixtures = FixtureCatalogue.SHIPPED;
        }
        applyEnvironment(config, env);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config")) {
                i++;
                continue;
            }
            Flag flag = FLAGS.get(arg);
            if (flag == null) {
                throw new ConfigException("unknown option '" + arg + "'\n" + usage());
            }
            flag.apply().accept(config, value(args, i));
            i++;
        }
        return config;
    }

    /** Checks a fixtures directory instead of starting: {@code --check-fixtures DIR}, alone. */
    public static final String CHECK_FIXTURES = "--check-fixtures";

    private static void applyEnvironment(MockConfig config, Map<String, String> env) {
        Map<String, String> flagsByVariable = new LinkedHashMap<>();
        FLAGS.keySet().forEach(flag -> flagsByVariable.put(variable(flag), flag));
        new java.util.TreeMap<>(env).forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX) || name.equals(ENV_PREFIX + "CONFIG") || TOOLING_VARIABLES.contains(name)
                    || nonEmpty(value) == null) {
                return;
            }
            String flag = flagsByVariable.get(name);
            if (flag == null) {
                String near = KeyDistance.nearest(name, flagsByVariable.keySet());
                throw new ConfigException("unknown environment variable " + name
                        + (near == null ? "" : " (did you mean " + near + "?)") + "; each flag has one: "
                        + ENV_PREFIX + "CONFIG, " + String.join(", ", flagsByVariable.keySet()));
            }
            try {
                FLAGS.get(flag).apply().accept(config, value);
            } catch (ConfigException e) {
                throw new ConfigException(name + ": " + e.getMessage());
            }
        });
    }

    /** {@code --admin-token} stands for {@code MANTLE_MOCK_ADMIN_TOKEN}. */
    static String variable(String flag) {
        return ENV_PREFIX + flag.substring(2).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public static String usage() {
        StringBuilder s = new StringBuilder("usage: java -jar mock-server.jar [options]\n");
        int width = FLAGS.keySet().stream().mapToInt(String::length).max().orElse(15);
        String line = "  %-" + width + "s %s%n";
        s.append(String.format(line, "--config", "YAML or JSON config file (docs/configuration.md)"));
        s.append(String.format(line, CHECK_FIXTURES + " DIR", "check a fixtures directory and exit (0: sound, 1: problems listed); starts no server"));
        s.append(String.format(line, "--training-run", "start on a free port, serve one of each kind of request, exit: the run that makes"
                + " an AppCDS archive (-XX:ArchiveClassesAtExit=FILE; docs/performance.md)"));
        FLAGS.forEach((name, flag) -> s.append(String.format(line, name, flag.help())));
        s.append("\nEach flag can be given as an environment variable instead: --admin-token as ").append(variable("--admin-token"))
                .append(", --config as ").append(ENV_PREFIX).append("CONFIG; a flag overrides its variable.\n");
        s.append("\nDocs, one page per topic in the project's docs/ folder (the README has the same map):\n");
        DOCS.forEach((page, topic) -> s.append(String.format("  %-30s %s%n", page, topic)));
        return s.toString();
    }

    /** The docs map --help prints; DocsLinksTest checks every page exists and every page is listed. */
    static final Map<String, String> DOCS = docs(
            "docs/models.md", "the model catalogue, adding a model by config the day it ships, checking it",
            "docs/api.md", "what the mock serves: endpoints, validation, unsupported features, models, streaming",
            "docs/auth.md", "SigV4 and bearer keys, auth modes, principals, minting a short-term key",
            "docs/junit.md", "the JUnit 5 kit: @MantleMockTest and its DSL",
            "docs/fixtures.md", "canned answers and scenarios (x-mock-scenario)",
            "docs/quotas.md", "token and request quotas, what a 429 carries",
            "docs/faults.md", "x-mock-fault and fault rules",
            "docs/admin-api.md", "the /_mock/ routes",
            "docs/configuration.md", "every flag, its MANTLE_MOCK_ variable and config key",
            "docs/container.md", "the image, Testcontainers (MantleMockContainer), compose, GitHub Actions",
            "docs/record-replay-compare.md", "--record-from, --on-miss, --compare-with: real answers as fixtures, drift",
            "docs/contract-tests.md", "one suite for the mock and the real endpoint",
            "docs/load-tests.md", "Gatling scenarios: conformance, streaming, mixed workloads",
            "docs/quota-probe.md", "the probe that finds the quota's edge; quotas that queue",
            "docs/dashboard-and-report.md", "the load run's HTML report and the live dashboard at /_mock/ui",
            "docs/robustness.md", "hostile or careless clients, and limits",
            "docs/performance.md", "a faster start (AppCDS), the first requests, throughput, and how they are measured",
            "docs/inferred-behaviour.md", "where Bedrock is undocumented: the mock's choice and its switch",
            "docs/architecture.md", "the request path and the packages",
            "docs/messages-api-contract.md", "the wire contract the mock is built from");

    private static Map<String, String> docs(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new ConfigException("option " + args[i] + " needs a value\n" + usage());
        }
        return args[i + 1];
    }

    private static int port(String v) {
        long p = number(v, "--port");
        if (p < 0 || p > 65535) {
            throw new ConfigException("--port must be between 0 and 65535, not " + v);
        }
        return (int) p;
    }

    private static long atLeast(long min, String v, String flag) {
        long n = number(v, flag);
        if (n < min) {
            throw new ConfigException(flag + " must be at least " + min + ", not " + v);
        }
        return n;
    }

    private static double seconds(String v, String flag) {
        try {
            double s = Double.parseDouble(v);
            if (s >= QuotaConfig.WINDOW_SECONDS.min() && s <= QuotaConfig.WINDOW_SECONDS.max()) {
                return s;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new ConfigException(flag + " must be a number of seconds between 0.1 and 86400, not '" + v + "'");
    }

    private static QuotaExceeded oneOf(String v, String flag) {
        for (QuotaExceeded q : QuotaExceeded.values()) {
            if (q.wireName().equals(v)) {
                return q;
            }
        }
        throw new ConfigException(flag + " must be 'throttle' or 'queue', not '" + v + "'");
    }

    private static double queueWait(String v) {
        try {
            double s = Double.parseDouble(v);
            if (s >= QuotaConfig.MAX_QUEUE_WAIT_SECONDS.min() && s <= QuotaConfig.MAX_QUEUE_WAIT_SECONDS.max()) {
                return s;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new ConfigException("--quota-max-queue-wait must be a number of seconds between 0 and 3600, not '" + v + "'");
    }

    private static dev.mantlemock.auth.AuthMode authMode(String v) {
        try {
            return dev.mantlemock.auth.AuthMode.of(v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--auth-mode must be strict, lenient or off, not '" + v + "'");
        }
    }

    private static java.util.List<String> commaList(String v) {
        return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(h -> !h.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }

    private static boolean onOff(String v, String flag) {
        if (v.equals("on") || v.equals("off")) {
            return v.equals("on");
        }
        throw new ConfigException(flag + " must be 'on' or 'off', not '" + v + "'");
    }

    private static long number(String v, String flag) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " must be a whole number, not '" + v + "'");
        }
    }
}
