package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.Headers;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.WebSearchTool20250305;
import dev.mantlemock.testing.RunningMock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The errors a user's code meets, as the official SDK surfaces them: the right exception class,
 * the Anthropic error type, and the request id the SDK reads from the {@code request-id} header.
 */
class SdkErrorsTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> c.fixtures = RunningMock.fixturesDir().toString());


    private static MessageCreateParams.Builder hello() {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(100).addUserMessage("Hello");
    }

    private static void assertEnvelope(AnthropicServiceException e, String type) {
        JsonValue body = e.body();
        @SuppressWarnings("unchecked")
        Map<String, Object> envelope = body.convert(Map.class);
        assertThat(envelope).containsEntry("type", "error").containsKey("request_id");
        assertThat(envelope.get("error")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("type", type);
        Headers headers = e.headers();
        assertThat(headers.values("request-id")).containsExactly((String) envelope.get("request_id"));
        assertThat((String) envelope.get("request_id")).startsWith("req_");
    }

    @Test
    void anUnknownModelIsNotFound() {
        assertThatThrownBy(() -> mock.client().messages().create(hello().model("anthropic.claude-nonexistent").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertEnvelope(e, "not_found_error");
                    assertThat(e.getMessage()).contains("anthropic.claude-nonexistent");
                });
    }

    @Test
    void maxTokensAboveTheModelsLimitIsABadRequest() {
        assertThatThrownBy(() -> mock.client().messages().create(hello().maxTokens(1_000_000).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertEnvelope(e, "invalid_request_error");
                    assertThat(e.getMessage()).contains("max_tokens: 1000000 > 64000");
                });
    }

    @Test
    void aServerToolIsRefusedNamingTheExactTypeTheUserSent() {
        assertThatThrownBy(() -> mock.client().messages().create(hello()
                        .addTool(WebSearchTool20250305.builder().build()).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertEnvelope(e, "invalid_request_error");
                    assertThat(e.getMessage()).contains("tools.0.type: 'web_search_20250305' is not supported "
                            + "on Claude in Amazon Bedrock (The web search tool).");
                });
    }

    @Test
    void theSdksDefaultVersionRefusesTemperature() {
        assertThatThrownBy(() -> mock.client().messages().create(hello().putAdditionalBodyProperty("temperature", JsonValue.from(1.0)).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("temperature: Extra inputs are not permitted"));
    }

    @Test
    void aThinkingBudgetAtOrAboveMaxTokensIsABadRequest() {
        assertThatThrownBy(() -> mock.client().messages().create(hello().maxTokens(2000).enabledThinking(2000).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("`max_tokens` must be greater than `thinking.budget_tokens`"));
    }

    @Test
    void aToolWithABadNameIsABadRequest() {
        Tool bad = Tool.builder().name("no spaces allowed").inputSchema(Tool.InputSchema.builder().build()).build();
        assertThatThrownBy(() -> mock.client().messages().create(hello().addTool(bad).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("tools.0.custom.name: String should match pattern"));
    }

    @Test
    void aFixtureCanAnswerOverloaded() {
        assertThatThrownBy(() -> mock.client().messages().create(hello().putAdditionalHeader("x-mock-scenario", "overloaded").build()))
                .isInstanceOfSatisfying(OverloadedException.class, e -> {
                    assertEnvelope(e, "overloaded_error");
                    assertThat(e.statusCode()).isEqualTo(529);
                });
    }

    @Test
    void aFixtureCanAnswerRateLimitedAndTheSdkRetriesItAsTold() {
        AnthropicClient retrying = mock.client(1);
        assertThatThrownBy(() -> retrying.messages().create(hello().putAdditionalHeader("x-mock-scenario", "rate-limited").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertEnvelope(e, "rate_limit_error");
                    assertThat(e.headers().values("retry-after")).containsExactly("0");
                });
    }

    @Test
    void aFixtureCanAnswerAnInternalError() {
        assertThatThrownBy(() -> mock.client().messages().create(hello().putAdditionalHeader("x-mock-scenario", "api-error").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertEnvelope(e, "api_error"));
    }

    @Test
    void clientErrorsTellTheSdkNotToRetry() {
        assertThatThrownBy(() -> mock.client().messages().create(hello().model("anthropic.unknown").build()))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.headers().values("x-should-retry")).containsExactly("false"));
    }

    @Test
    void anUnknownBetaIsRefusedInFirstPartyWords() {
        assertThatThrownBy(() -> mock.client().messages().create(hello()
                        .putAdditionalHeader("anthropic-beta", "files-api-2025-04-14,made-up-2030-01-01").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains(
                        "Unexpected value(s) `made-up-2030-01-01` for the `anthropic-beta` header. Please consult our "
                                + "documentation at platform.claude.com/docs or try again without the header."));
    }

    @Test
    void toolChoiceNamingAnUndefinedToolIsABadRequest() {
        assertThatThrownBy(() -> mock.client().messages().create(hello()
                        .toolChoice(com.anthropic.models.messages.ToolChoiceTool.builder().name("nope").build())
                        .addTool(Tool.builder().name("real").inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of())).required(List.of()).build()).build())
                        .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Tool 'nope' not found");
    }
}
