package dev.mantlemock.auth;

import dev.mantlemock.client.ShortTermKeys;

import dev.mantlemock.client.ExamplePrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Command line: prints a short-term Bedrock API key for the mock, signed with a principal the mock
 * knows (by default the AWS example key). Usage:
 * <pre>java -cp mock-server.jar dev.mantlemock.auth.ShortTermKeyMinter [--access-key-id K] [--secret S]
 *      [--session-token T] [--region us-east-1] [--expires-in 43200]</pre>
 * Only the key goes to standard output, so {@code export AWS_BEARER_TOKEN_BEDROCK=$(java ...)} works.
 */
public final class ShortTermKeyMinter {
    private ShortTermKeyMinter() {}

    public static void main(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-h") || args[i].equals("--help") || !args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: ShortTermKeyMinter [--access-key-id K] [--secret S] [--session-token T] "
                        + "[--region us-east-1] [--expires-in SECONDS (max " + AuthFacts.SHORT_TERM_MAX_EXPIRES_SECONDS + ")]");
                System.exit(args[i].startsWith("-h") || args[i].equals("--help") ? 0 : 2);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        try {
            System.out.println(ShortTermKeys.mint(
                    opts.getOrDefault("access-key-id", ExamplePrincipal.ACCESS_KEY_ID),
                    opts.getOrDefault("secret", ExamplePrincipal.SECRET_ACCESS_KEY),
                    opts.get("session-token"),
                    opts.getOrDefault("region", ExamplePrincipal.REGION),
                    Instant.now(),
                    Duration.ofSeconds(Long.parseLong(opts.getOrDefault("expires-in", String.valueOf(AuthFacts.SHORT_TERM_MAX_EXPIRES_SECONDS))))));
        } catch (IllegalArgumentException e) {
            System.err.println("ShortTermKeyMinter: " + e.getMessage());
            System.exit(2);
        }
    }
}
