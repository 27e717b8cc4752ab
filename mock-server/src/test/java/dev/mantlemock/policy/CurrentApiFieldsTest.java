package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.OutputConfig;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request fields of the current API that only the first-party API offers are refused as unsupported on
 * Mantle (fast mode, message threads, compaction, task budgets, billing policies), while their controls are
 * answered; the workspace header is taken; computer_20251124 follows the feature profile on Opus 5.5.
 */
class CurrentApiFieldsTest {
    static final String OPUS_55 = "anthropic.claude-opus-5-5";

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static MessageCreateParams.Builder ask() {
        return MessageCreateParams.builder().model(OPUS_55).maxTokens(512).addUserMessage("Hello");
    }

    private static String refused(RunningMock on, MessageCreateParams params) {
        BadRequestException e = catchThrowableOfType(() -> on.client().messages().create(params), BadRequestException.class);
        assertThat(e).isNotNull();
        return String.valueOf(((Map<?, ?>) e.body().convert(Map.class).get("error")).get("message"));
    }

    @Test
    void fastModeIsRefusedAndStandardSpeedIsTaken() {
        assertThat(refused(mock, ask().speed(MessageCreateParams.Speed.FAST).build()))
                .isEqualTo("speed: Fast mode is not supported on Claude in Amazon Bedrock.");
        assertThat(mock.client().messages().create(ask().speed(MessageCreateParams.Speed.STANDARD).build()).content()).isNotEmpty();
    }

    @Test
    void threadsCompactionTaskBudgetsAndBillingPoliciesAreRefusedAsUnsupported() {
        assertThat(refused(mock, ask().putAdditionalBodyProperty("thread", JsonValue.from(Map.of("type", "create"))).build()))
                .isEqualTo("thread: Message threads is not supported on Claude in Amazon Bedrock.");
        assertThat(refused(mock, ask().putAdditionalBodyProperty("compaction", JsonValue.from(Map.of())).build()))
                .isEqualTo("compaction: Server-side compaction is not supported on Claude in Amazon Bedrock.");
        assertThat(refused(mock, ask().outputConfig(OutputConfig.builder().putAdditionalProperty("task_budget",
                JsonValue.from(Map.of("type", "tokens", "total", 20000))).build()).build()))
                .isEqualTo("output_config.task_budget: Task budgets is not supported on Claude in Amazon Bedrock.");
        assertThat(refused(mock, ask().putAdditionalBodyProperty("billing_policy", JsonValue.from(Map.of())).build()))
                .isEqualTo("billing_policy: Billing policies is not supported on Claude in Amazon Bedrock.");
    }

    @Test
    void theWorkspaceHeaderIsTaken() {
        assertThat(mock.client().messages().create(ask().putAdditionalHeader("anthropic-workspace-id", "proj_01abc").build())
                .content()).isNotEmpty();
    }

    private static final String COMPUTER = "{\"model\":\"" + OPUS_55 + "\",\"max_tokens\":256,\"tools\":[{\"type\":\"computer_20251124\","
            + "\"name\":\"computer\",\"display_width_px\":1024,\"display_height_px\":768}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Open the browser\"}]}";

    @Test
    void computer20251124OnOpus55FollowsTheFeatureProfile() {
        HttpResponse<String> preview = mock.postMessages(COMPUTER);
        assertThat(preview.statusCode()).isEqualTo(400);
        assertThat(TestRequests.node(preview.body()).at("/error/message").asText())
                .isEqualTo("tools.0.type: 'computer_20251124' is not supported on Claude in Amazon Bedrock (The computer use tool).");
        try (RunningMock ga = RunningMock.start(c -> c.profile = "ga")) {
            HttpResponse<String> accepted = ga.postMessages(COMPUTER);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        }
    }
}
