package dev.mantlemock.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;

/** The image as a Java team's Testcontainers test runs it: the official SDK against the container, the admin API beside it. */
@ExtendWith(DockerEngine.class)
@Timeout(600)
class MantleMockContainerTest {
    static final String MODEL = "anthropic.claude-haiku-4-5";
    static final String TOKEN = "container-admin-token";

    static MantleMockContainer mock;

    @BeforeAll
    static void start() {
        mock = DockerEngine.mock().withAdminToken(TOKEN);
        mock.start();
    }

    @AfterAll
    static void stop() {
        if (mock != null) {
            mock.stop();
        }
    }

    static AnthropicClient sigV4(String baseUrl) {
        return AnthropicOkHttpClient.builder().maxRetries(0).backend(BedrockMantleBackend.builder()
                .awsCredentials(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                .region(Region.US_EAST_1).baseUrl(baseUrl).build()).build();
    }

    static AnthropicClient bearer(String baseUrl) {
        return AnthropicOkHttpClient.builder().maxRetries(0)
                .backend(BedrockMantleBackend.builder().apiKey("any-key-in-lenient-mode").baseUrl(baseUrl).build()).build();
    }

    static MessageCreateParams ask(String prompt) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(100).addUserMessage(prompt).build();
    }

    static HttpResponse<String> admin(MantleMockContainer container, String method, String route, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(container.getAdminUrl() + route))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("content-type", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBaseUrlEndsInAnthropicAndTheAdminUrlInMock() {
        assertThat(mock.getAnthropicBaseUrl()).matches("http://[^/]+:\\d+/anthropic");
        assertThat(mock.getAdminUrl()).isEqualTo(mock.getAnthropicBaseUrl().replace("/anthropic", "/_mock"));
    }

    @Test
    void theOfficialSdkSignedWithSigV4GetsAnAnswerFromTheContainer() {
        Message message = sigV4(mock.getAnthropicBaseUrl()).messages().create(ask("Hello from SigV4 through a port mapping"));
        assertThat(message.content()).isNotEmpty();
        assertThat(message.model().asString()).isEqualTo(MODEL);
    }

    @Test
    void theOfficialSdkWithABearerKeyGetsAnAnswerFromTheContainer() {
        Message message = bearer(mock.getAnthropicBaseUrl()).messages().create(ask("Hello with a bearer key"));
        assertThat(message.content()).isNotEmpty();
    }

    @Test
    void aStreamArrivesEventByEventFromMessageStartToMessageStop() {
        try (StreamResponse<RawMessageStreamEvent> stream = sigV4(mock.getAnthropicBaseUrl()).messages()
                .createStreaming(ask("Stream to me from the container"))) {
            List<RawMessageStreamEvent> events = stream.stream().collect(Collectors.toList());
            assertThat(events.get(0).isMessageStart()).isTrue();
            assertThat(events).anyMatch(RawMessageStreamEvent::isContentBlockDelta);
            assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        }
    }

    @Test
    void theJournalIsReadThroughTheAdminApiWithTheToken() throws Exception {
        bearer(mock.getAnthropicBaseUrl()).messages().create(ask("a prompt the journal keeps: pelican-42"));

        HttpResponse<String> journal = admin(mock, "GET", "/requests", TOKEN);

        assertThat(journal.statusCode()).isEqualTo(200);
        assertThat(journal.body()).contains("pelican-42").contains("\"status\":200").doesNotContain("any-key-in-lenient-mode");
        assertThat(admin(mock, "GET", "/requests", null).statusCode()).as("no token").isEqualTo(401);
        assertThat(admin(mock, "GET", "/requests", "wrong").statusCode()).as("wrong token").isEqualTo(401);
    }

    @Test
    void aTinyQuotaAnswersTheSecondRequestWith429AndTheAdminApiStaysOffWithoutAToken() throws Exception {
        try (MantleMockContainer tiny = DockerEngine.mock().withQuota(2_000_000, 500_000, 1)) {
            tiny.start();
            AnthropicClient client = bearer(tiny.getAnthropicBaseUrl());
            client.messages().create(ask("the one request this minute"));

            assertThatThrownBy(() -> client.messages().create(ask("one too many")))
                    .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.statusCode()).isEqualTo(429))
                    .hasMessageContaining("Too many requests");
            HttpResponse<String> refused = admin(tiny, "GET", "/requests", null);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("MANTLE_MOCK_ADMIN_TOKEN");
            assertThat(admin(tiny, "GET", "/health", null).statusCode()).as("health stays open").isEqualTo(200);
        }
    }
}
