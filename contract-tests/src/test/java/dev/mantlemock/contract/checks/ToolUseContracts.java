package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolChoiceAuto;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import java.util.List;
import java.util.Map;

/** The agent loop a tool user writes: a tool call, the result handed back, an answer. */
public final class ToolUseContracts {
    private ToolUseContracts() {}

    public static final Contract ROUND_TRIP = new Contract("tools.round-trip", "tool use",
            "A forced tool call stops with tool_use and a toolu_ block whose input fits the schema; handing back the tool_result gets an end_turn answer in text",
            Needs.NOTHING, s -> {
                MessageCreateParams first = Requests.ask(s, Requests.WEATHER_QUESTION, 300)
                        .addTool(Requests.weatherTool())
                        .toolChoice(ToolChoiceTool.builder().name("get_weather").build())
                        .build();
                Message call = s.create(first);
                assertThat(call.stopReason()).as("stop reason of the call").contains(StopReason.TOOL_USE);
                ToolUseBlock toolUse = call.content().stream().filter(ContentBlock::isToolUse).findFirst()
                        .orElseThrow(() -> new AssertionError("no tool_use block in " + call.content())).asToolUse();
                assertThat(toolUse.id()).as("tool_use id").startsWith("toolu_");
                assertThat(toolUse.name()).as("tool name").isEqualTo("get_weather");
                @SuppressWarnings("unchecked")
                Map<String, Object> input = toolUse._input().convert(Map.class);
                assertThat(input).as("tool input").containsKey("city");
                assertThat(input.get("city")).as("input.city").isInstanceOf(String.class);

                MessageCreateParams second = first.toBuilder()
                        .toolChoice(ToolChoiceAuto.builder().build())
                        .addMessage(call)
                        .addMessage(MessageParam.ofUserOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("18 degrees Celsius and sunny").build()))))
                        .build();
                Message answer = s.create(second);
                assertThat(answer.stopReason()).as("stop reason after the tool result").contains(StopReason.END_TURN);
                assertThat(answer.content()).as("answer blocks").isNotEmpty().noneMatch(ContentBlock::isToolUse);
                assertThat(answer.content()).as("answer blocks").anyMatch(ContentBlock::isText);
            });

    public static List<Contract> all() {
        return List.of(ROUND_TRIP);
    }
}
