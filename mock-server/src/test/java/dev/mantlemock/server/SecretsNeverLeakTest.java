package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.testing.RunningMock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/** Keys, session tokens, secrets and signatures appear nowhere the mock writes: not its log, not its journal. */
class SecretsNeverLeakTest {
    private static final String BEARER = "bedrock-api-key-NOT-A-REAL-KEY-b3f1c9";
    private static final String SESSION = "FwoGZXIvYXdzEXAMPLE-SESSION-TOKEN-7d2a";
    private static final String SECRET = dev.mantlemock.client.ExamplePrincipal.SECRET_ACCESS_KEY;

    @Test
    void secretsStayOutOfTheLogAndTheJournal() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        String journal;
        String signature;
        try (RunningMock mock = RunningMock.start()) {
            MessageCreateParams hello = MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(20).addUserMessage("Hi").build();
            var bearer = AnthropicOkHttpClient.builder().backend(BedrockMantleBackend.builder().apiKey(BEARER)
                    .baseUrl(mock.baseUrl()).build()).maxRetries(0).build();
            var sigv4 = AnthropicOkHttpClient.builder().backend(BedrockMantleBackend.builder()
                    .awsCredentials(AwsSessionCredentials.create("AKIDEXAMPLE", "wrong-secret", SESSION))
                    .region(Region.US_EAST_1).baseUrl(mock.baseUrl()).build()).maxRetries(0).build();

            try {
                bearer.messages().create(hello);
            } catch (RuntimeException ignored) {
                // refused or not, the key must not be written anywhere
            }
            assertThatThrownBy(() -> sigv4.messages().create(hello)).isInstanceOf(UnauthorizedException.class);
            mock.postMessages("{\"model\":\"nope\",\"max_tokens\":1,\"messages\":[]}", "x-api-key", BEARER);

            Thread.sleep(300); // journal entries are written just after the answer
            journal = mock.get("/_mock/requests").body();
            Matcher m = Pattern.compile("Signature=([0-9a-f]{64})").matcher(journal);
            signature = m.find() ? m.group(1) : null;
        } finally {
            System.setErr(original);
        }

        String written = log.toString(StandardCharsets.UTF_8) + journal;
        assertThat(journal).contains("AKIDEXAMPLE"); // the journal did record these requests
        assertThat(written).doesNotContain(BEARER).doesNotContain(SESSION).doesNotContain(SECRET).doesNotContain("wrong-secret");
        assertThat(signature).as("signatures are redacted in the journal").isNull();
    }
}
