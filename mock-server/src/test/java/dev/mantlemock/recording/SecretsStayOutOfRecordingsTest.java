package dev.mantlemock.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.StrictUpstream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * Planted keys, session tokens, cookies and the upstream's own secret appear in no recording, no drift
 * log line, no journal entry and no log line of a recording or comparing mock.
 */
class SecretsStayOutOfRecordingsTest {
    private static final String BEARER = "bedrock-api-key-PLANTED-BEARER-91c2";
    private static final String SESSION = "PLANTED-SESSION-TOKEN-FwoGZXIv-55e1";
    private static final String CLIENT_SECRET = "PLANTED-CLIENT-SECRET-0a9f";
    private static final String COOKIE = "PLANTED-COOKIE-7b3d";

    @TempDir
    Path dir;

    @Test
    void noCredentialReachesAFileTheJournalOrTheLog() throws Exception {
        Path recordings = dir.resolve("recordings");
        Path driftLog = dir.resolve("drift.jsonl");
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        StringBuilder journals = new StringBuilder();
        try (RunningMock upstream = StrictUpstream.start(c -> {})) {
            for (Consumer<dev.mantlemock.config.MockConfig> mode : java.util.List.<Consumer<dev.mantlemock.config.MockConfig>>of(
                    c -> {
                        c.record.from = upstream.baseUrl();
                        c.record.region = "us-east-1";
                        c.record.dir = recordings.toString();
                    },
                    c -> {
                        c.compare.with = upstream.baseUrl();
                        c.compare.region = "us-east-1";
                        c.compare.driftLog = driftLog.toString();
                    })) {
                try (RunningMock mock = RunningMock.start(c -> {
                    c.upstreamCredentials = StrictUpstream.credentials();
                    mode.accept(c);
                })) {
                    sendWithPlantedSecrets(mock);
                    Thread.sleep(300); // recordings, drift lines and journal entries are written just after the answer
                    journals.append(mock.get("/_mock/requests").body());
                }
            }
            journals.append(upstream.get("/_mock/requests").body());
        } finally {
            System.setErr(original);
        }

        String files = read(recordings) + (Files.exists(driftLog) ? Files.readString(driftLog) : "");
        assertThat(read(recordings)).as("recordings were written").contains("\"match\"");
        assertThat(files).doesNotContain("AWS4-HMAC-SHA256").doesNotContain("Signature=").doesNotContain(StrictUpstream.ACCESS_KEY_ID)
                .doesNotContain("authorization").doesNotContain("x-amz-");
        for (String written : new String[] {files, journals.toString(), log.toString(StandardCharsets.UTF_8)}) {
            assertThat(written).doesNotContain(BEARER).doesNotContain(SESSION).doesNotContain(CLIENT_SECRET)
                    .doesNotContain(COOKIE).doesNotContain(StrictUpstream.SECRET).doesNotContainPattern("Signature=[0-9a-f]{64}");
        }
    }

    private static void sendWithPlantedSecrets(RunningMock mock) {
        String body = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":30,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        mock.postMessages(body, "x-api-key", BEARER, "cookie", "session=" + COOKIE, "x-amz-security-token", SESSION);
        var sigv4 = AnthropicOkHttpClient.builder().backend(BedrockMantleBackend.builder()
                .awsCredentials(AwsSessionCredentials.create("AKIDCLIENTONLY", CLIENT_SECRET, SESSION))
                .region(Region.US_EAST_1).baseUrl(mock.baseUrl()).build()).maxRetries(0).timeout(RunningMock.TIMEOUT).build();
        sigv4.messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(30).addUserMessage("Hello").build());
        sigv4.close();
    }

    private static String read(Path recordings) throws Exception {
        if (!Files.isDirectory(recordings)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(recordings)) {
            for (Path p : files.toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }
}
