package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import dev.mantlemock.testing.RunningMock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * error.details.error_code, which the first-party API sends with some errors and the SDKs expose as
 * errorCode(): left out by default (no source shows Mantle sending it), sent under responses.error-details.
 */
class ErrorDetailsTest {
    private static MessageCreateParams twoToolsOfOneName() {
        Tool lookup = Tool.builder().name("lookup").inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of())).build()).build();
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(64).addTool(lookup).addTool(lookup)
                .addUserMessage("Hi").build();
    }

    private static BadRequestException refusal(RunningMock mock) {
        BadRequestException e = catchThrowableOfType(() -> mock.client().messages().create(twoToolsOfOneName()),
                BadRequestException.class);
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void byDefaultAnErrorCarriesNoDetails() {
        try (RunningMock mock = RunningMock.start()) {
            assertThat(refusal(mock).errorCode()).isEmpty();
        }
    }

    @Test
    void whenAskedTheFirstPartyErrorCodeReachesTheSdk() {
        try (RunningMock mock = RunningMock.start(c -> c.responses.errorDetails = "send")) {
            BadRequestException e = refusal(mock);
            assertThat(e.errorCode()).hasValue("tool_name_conflict");
            assertThat(String.valueOf(e.body().convert(Map.class))).contains("Tool names must be unique.");
        }
    }
}
