package dev.mantlemock.auth;

import dev.mantlemock.client.ExamplePrincipal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.Curl;
import dev.mantlemock.testing.RunningMock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Claude-in-Amazon-Bedrock page's own curl command, {@code x-amz-security-token} header included, against
 * the mock as it starts by default (lenient): the mock cannot know the caller's STS token, but the key is
 * known and the token is signed, so it passes; strict mode still refuses a token it was not given.
 */
class PageCurlCommandTest {
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/session+token==";

    @RegisterExtension
    static final RunningMock lenient = RunningMock.perClass();

    @RegisterExtension
    static final RunningMock strict = RunningMock.perClass(c -> c.auth.mode = AuthMode.STRICT);

    /** The page's command, with the mock's URL and a model id in place of its placeholders. */
    private static List<String> pageCommand(String baseUrl) {
        return List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", baseUrl + "/v1/messages",
                "--aws-sigv4", "aws:amz:us-east-1:bedrock-mantle",
                "--user", ExamplePrincipal.ACCESS_KEY_ID + ":" + ExamplePrincipal.SECRET_ACCESS_KEY,
                "-H", "x-amz-security-token: " + SESSION_TOKEN,
                "-H", "content-type: application/json",
                "-H", "anthropic-version: 2023-06-01",
                "-d", """
                {
                    "model": "anthropic.claude-opus-4-7",
                    "max_tokens": 1024,
                    "messages": [
                      {"role": "user", "content": "Hello, Claude"}
                    ]
                  }""");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void thePagesCurlCommandWithASessionTokenWorksAgainstTheDefaultMock() throws Exception {
        Assumptions.assumeTrue(Curl.available(), "curl is not installed, so its --aws-sigv4 signing cannot be checked");

        assertThat(run(pageCommand(lenient.baseUrl()))).isEqualTo("200");
    }

    @Test
    void strictModeStillRefusesASessionTokenItWasNotGiven() throws Exception {
        Assumptions.assumeTrue(Curl.available(), "curl is not installed, so its --aws-sigv4 signing cannot be checked");

        assertThat(run(pageCommand(strict.baseUrl()))).isEqualTo("401");
    }
}
