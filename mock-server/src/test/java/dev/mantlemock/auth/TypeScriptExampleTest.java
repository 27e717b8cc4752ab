package dev.mantlemock.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RunningMock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official TypeScript SDK's smoke run ({@code examples/typescript/smoke.mjs}: SigV4 with and without a
 * session token, bearer keys, streaming, errors) against the default mock. It needs node and an
 * {@code npm ci} in that folder, so a fresh machine skips it; CI stays offline-safe.
 */
class TypeScriptExampleTest {
    private static final Path EXAMPLE = Path.of("../examples/typescript");

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> c.fixtures = "shipped"); // as java -jar serves them

    @Test
    void theTypeScriptSdkPassesItsSmokeRunIncludingSessionCredentials() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(EXAMPLE.resolve("node_modules/@anthropic-ai/bedrock-sdk")),
                "run 'npm ci' in examples/typescript to include the TypeScript SDK");
        ProcessBuilder node = new ProcessBuilder("node", "smoke.mjs").directory(EXAMPLE.toFile()).redirectErrorStream(true);
        node.environment().put("ANTHROPIC_BEDROCK_MANTLE_BASE_URL", mock.baseUrl());
        Process p = node.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SigV4 with a session token: end_turn").contains("All checks passed.");
    }
}
