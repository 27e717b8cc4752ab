package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.OutputConfig;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ThinkingConfigAdaptive;
import com.anthropic.models.messages.ThinkingConfigBetweenTools;
import com.anthropic.models.messages.ThinkingConfigDisabled;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolChoiceAuto;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules that came with the 5 and 5.5 generations, each met through the official Java SDK as a user meets
 * it, with beside it the same request made valid (answered 200). Sampling values travel only under
 * anthropic-version 2023-06-01 (the current version has no such fields), so those go as raw HTTP.
 */
class GenerationFiveRulesTest {
    static final String OPUS_55 = "anthropic.claude-opus-5-5";
    static final String SONNET_55 = "anthropic.claude-sonnet-5-5";
    static final String HAIKU_55 = "anthropic.claude-haiku-5-5";
    static final String OPUS_5 = "anthropic.claude-opus-5";
    static final String OPUS_48 = "anthropic.claude-opus-4-8";
    static final String OPUS_47 = "anthropic.claude-opus-4-7";
    static final String SONNET_5 = "anthropic.claude-sonnet-5";
    static final String FABLE_5 = "anthropic.claude-fable-5";
    static final String FABLE_51 = "anthropic.claude-fable-5-1";

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static MessageCreateParams.Builder ask(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(2048).addUserMessage("What is 17 times 23?");
    }

    private static Tool lookup() {
        return Tool.builder().name("lookup").inputSchema(Tool.InputSchema.builder().properties(JsonValue.from(Map.of())).build()).build();
    }

    private static String refused(MessageCreateParams params) {
        BadRequestException e = catchThrowableOfType(() -> mock.client().messages().create(params), BadRequestException.class);
        assertThat(e).as("a 400 for %s", params.model()).isNotNull();
        Map<?, ?> error = (Map<?, ?>) e.body().convert(Map.class).get("error");
        assertThat(error.get("type")).isEqualTo("invalid_request_error");
        return String.valueOf(error.get("message"));
    }

    private static void answered(MessageCreateParams params) {
        assertThat(mock.client().messages().create(params).content()).as("answered: %s", params.model()).isNotEmpty();
    }

    // --- forced tool_choice

    @Test
    void forcedToolUseIsRefusedOnThe55ModelsAndFable51AndAutoIsTheControl() {
        for (String model : List.of(OPUS_55, SONNET_55, HAIKU_55, FABLE_51)) {
            assertThat(refused(ask(model).addTool(lookup()).toolChoice(ToolChoiceAny.builder().build()).build()))
                    .isEqualTo("tool_choice: type \"tool\" and \"any\" are not supported for this model.");
            assertThat(refused(ask(model).addTool(lookup()).toolToolChoice("lookup").build()))
                    .isEqualTo("tool_choice: type \"tool\" and \"any\" are not supported for this model.");
            answered(ask(model).addTool(lookup()).toolChoice(ToolChoiceAuto.builder().build()).build());
        }
        answered(ask(OPUS_5).addTool(lookup()).toolChoice(ToolChoiceAny.builder().build()).build());
    }

    @Test
    void countTokensRefusesForcedToolUseToo() {
        MessageCountTokensParams.Builder count = MessageCountTokensParams.builder().model(OPUS_55).addTool(lookup())
                .addUserMessage("What is 17 times 23?");
        BadRequestException e = catchThrowableOfType(() -> mock.client().messages().countTokens(
                count.toolChoice(ToolChoiceAny.builder().build()).build()), BadRequestException.class);
        assertThat(e).isNotNull();
        assertThat(String.valueOf(e.body().convert(Map.class)))
                .contains("tool_choice: type \"tool\" and \"any\" are not supported for this model.");
        assertThat(mock.client().messages().countTokens(count.toolChoice(ToolChoiceAuto.builder().build()).build())
                .inputTokens()).isPositive();
    }

    // --- thinking: always on, on by default, disabled up to an effort, between_tools

    @Test
    void thinkingIsAlwaysOnForOpus55() {
        String always = "\"thinking.type.disabled\" is not supported for this model. Use \"thinking.type.adaptive\" "
                + "and \"output_config.effort\" to control thinking behavior.";
        assertThat(refused(ask(OPUS_55).thinking(ThinkingConfigDisabled.builder().build()).build())).isEqualTo(always);
        assertThat(refused(ask(OPUS_55).enabledThinking(1024).build())).startsWith("\"thinking.type.enabled\" is not supported");
        answered(ask(OPUS_55).thinking(ThinkingConfigAdaptive.builder().build()).build());
        answered(ask(OPUS_55).build());
    }

    @Test
    void opus5TurnsThinkingOffOnlyWithEffortAtOrBelowHigh() {
        assertThat(refused(ask(OPUS_5).thinking(ThinkingConfigDisabled.builder().build())
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.XHIGH).build()).build()))
                .isEqualTo("output_config.effort 'xhigh' is not supported when thinking is disabled on this model. "
                        + "Use effort 'high' or below, or enable thinking.");
        answered(ask(OPUS_5).thinking(ThinkingConfigDisabled.builder().build())
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.HIGH).build()).build());
        answered(ask(OPUS_5).thinking(ThinkingConfigDisabled.builder().build()).build()); // default effort: high
        answered(ask(OPUS_5).outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.XHIGH).build()).build()); // thinking on by default
    }

    @Test
    void haiku55TurnsThinkingOffWithItsDefaultMediumEffortButNotWithMax() {
        answered(ask(HAIKU_55).thinking(ThinkingConfigDisabled.builder().build()).build());
        assertThat(refused(ask(HAIKU_55).thinking(ThinkingConfigDisabled.builder().build())
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.MAX).build()).build()))
                .startsWith("output_config.effort 'max' is not supported when thinking is disabled on this model.");
    }

    @Test
    void opus48WithThinkingOffByDefaultRefusesXhighUnlessThinkingIsAskedFor() {
        assertThat(refused(ask(OPUS_48).outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.XHIGH).build()).build()))
                .startsWith("output_config.effort 'xhigh' is not supported when thinking is disabled on this model.");
        answered(ask(OPUS_48).thinking(ThinkingConfigAdaptive.builder().build())
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.XHIGH).build()).build());
    }

    @Test
    void betweenToolsThinkingIsSonnet55sAndCappedAtHighEffort() {
        assertThat(refused(ask(SONNET_55).thinking(ThinkingConfigBetweenTools.builder().build())
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.MAX).build()).build()))
                .isEqualTo("output_config.effort 'max' is not supported with thinking type 'between_tools' on this model. "
                        + "Use effort 'high' or below, or use adaptive thinking.");
        answered(ask(SONNET_55).thinking(ThinkingConfigBetweenTools.builder().build())
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.HIGH).build()).build());
        assertThat(refused(ask(OPUS_55).thinking(ThinkingConfigBetweenTools.builder().build()).build()))
                .startsWith("\"thinking.type.between_tools\" is not supported for this model.");
    }

    @Test
    void theThinkingDefaultIsOnTheModelSpecForOtherStages() {
        ModelCatalogue catalogue = ModelCatalogue.load(List.of());
        assertThat(catalogue.find(OPUS_5).orElseThrow().thinkingOnByDefault()).isTrue();
        assertThat(catalogue.find(OPUS_48).orElseThrow().thinkingOnByDefault()).isFalse();
        assertThat(catalogue.find(OPUS_55).orElseThrow().capabilities().defaultEffort()).hasValue("medium");
    }

    // --- sampling values (anthropic-version 2023-06-01, where they exist)

    private static HttpResponse<String> sampled(String model, String sampling) {
        return mock.postMessages("{\"model\":\"" + model + "\",\"max_tokens\":256," + sampling
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    private static String error(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return TestRequests.node(r.body()).at("/error/message").asText();
    }

    @Test
    void fable51TakesOnlyTemperatureOneOrTopP099NeverBothAndNoTopK() {
        assertThat(sampled(FABLE_51, "\"top_p\":0.99").statusCode()).isEqualTo(200);
        assertThat(sampled(FABLE_51, "\"temperature\":1.0").statusCode()).isEqualTo(200);
        assertThat(error(sampled(FABLE_51, "\"top_p\":0.98"))).isEqualTo("`top_p` is deprecated for this model.");
        assertThat(error(sampled(FABLE_51, "\"temperature\":0.7"))).isEqualTo("`temperature` is deprecated for this model.");
        assertThat(error(sampled(FABLE_51, "\"temperature\":1.0,\"top_p\":0.99")))
                .isEqualTo("`temperature` and `top_p` cannot both be specified for this model. Please use only one.");
        assertThat(error(sampled(FABLE_51, "\"top_k\":5"))).isEqualTo("`top_k` is deprecated for this model.");
    }

    @Test
    void fable5TakesTopPFrom099UpToButNotIncludingOne() {
        assertThat(sampled(FABLE_5, "\"top_p\":0.995").statusCode()).isEqualTo(200);
        assertThat(error(sampled(FABLE_5, "\"top_p\":1.0"))).isEqualTo("`top_p` is deprecated for this model.");
    }

    @Test
    void temperatureOneOnADeprecatingModelFollowsTheSwitch() {
        assertThat(sampled(SONNET_5, "\"temperature\":1.0").statusCode()).isEqualTo(200);
        try (RunningMock strict = RunningMock.start(c -> c.validation.samplingAtDefault = "refuse")) {
            HttpResponse<String> r = strict.postMessages("{\"model\":\"" + SONNET_5 + "\",\"max_tokens\":256,\"temperature\":1.0,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertThat(error(r)).isEqualTo("`temperature` is deprecated for this model.");
        }
    }

    // --- minimum cacheable prefix

    @Test
    void opus55CachesA600TokenPrefixThatOpus47DoesNot() {
        List<TextBlockParam> system = List.of(TextBlockParam.builder().text("Keep answers short and exact. ".repeat(60))
                .cacheControl(CacheControlEphemeral.builder().build()).build());
        Message opus55 = mock.client().messages().create(ask(OPUS_55).systemOfTextBlockParams(system).build());
        Message opus47 = mock.client().messages().create(ask(OPUS_47).systemOfTextBlockParams(system).build());
        assertThat(opus55.usage().cacheCreationInputTokens().orElse(0L)).isPositive();
        assertThat(opus47.usage().cacheCreationInputTokens()).hasValue(0L);
    }

    // --- mid-conversation system messages

    private static MessageCreateParams.Builder conversation(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage("Plan a trip to Lisbon.")
                .addAssistantMessage("Three days: Alfama, Belém, Sintra.").addUserMessage("Now make it cheaper.");
    }

    @Test
    void aSystemMessageAfterAUserTurnIsTakenOnTheModelsThatHaveThem() {
        for (String model : List.of(OPUS_55, SONNET_55, OPUS_5, OPUS_48, FABLE_51)) {
            answered(conversation(model).addSystemMessage("The user is a student.").build());
            answered(conversation(model).addSystemMessage("The user is a student.").addSystemMessage("Use euros.").build());
        }
    }

    @Test
    void aModelWithoutThemRefusesASystemMessage() {
        for (String model : List.of(SONNET_5, OPUS_47)) {
            assertThat(refused(conversation(model).addSystemMessage("The user is a student.").build()))
                    .isEqualTo("messages.3: role 'system' is not supported on this model");
        }
    }

    @Test
    void aSystemMessageIsPlacedAsDocumented() {
        assertThat(refused(MessageCreateParams.builder().model(OPUS_55).maxTokens(1024).addSystemMessage("Be brief.")
                .addUserMessage("Hi").build())).isEqualTo("messages.0: use the top-level 'system' parameter for the initial system prompt; the "
                        + "directive-only form (content: [] with output_config) is accepted at any position");
        assertThat(refused(MessageCreateParams.builder().model(OPUS_55).maxTokens(1024).addUserMessage("Hi")
                .addAssistantMessage("Hello!").addSystemMessage("Be brief.").addUserMessage("Bye").build()))
                .startsWith("messages.2: a system message must follow a user turn");
        assertThat(refused(MessageCreateParams.builder().model(OPUS_55).maxTokens(1024).addUserMessage("Hi")
                .addSystemMessage("Be brief.").addUserMessage("Still there?").build()))
                .startsWith("messages.1: a system message must be followed by an assistant turn or end the messages");
        assertThat(refused(MessageCreateParams.builder().model(OPUS_55).maxTokens(1024).addTool(lookup())
                .addUserMessage("Look it up.")
                .addMessage(MessageParam.ofAssistantOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id("toolu_1").name("lookup")
                                .input(JsonValue.from(Map.of())).build()))))
                .addSystemMessage("Be brief.")
                .addMessage(MessageParam.ofUserOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId("toolu_1").content("42").build()))))
                .build()))
                .startsWith("messages.2: a system message cannot come between a `tool_use` block and its `tool_result`");
    }
}
