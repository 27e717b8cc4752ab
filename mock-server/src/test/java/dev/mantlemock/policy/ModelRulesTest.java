package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.JsonOutputFormat;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.OutputConfig;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ThinkingConfigAdaptive;
import com.anthropic.models.messages.Tool;
import dev.mantlemock.testing.RunningMock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each model's own rules, met the way a user meets them: through the official Java SDK. */
class ModelRulesTest {
    static final String OPUS_47 = "anthropic.claude-opus-4-7";
    static final String HAIKU_45 = "anthropic.claude-haiku-4-5";
    static final String SONNET_5 = "anthropic.claude-sonnet-5";
    static final String MYTHOS_PREVIEW = "anthropic.claude-mythos-preview";

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static MessageCreateParams.Builder ask(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(2048).addUserMessage("What is 17 times 23?");
    }

    private static BadRequestException refused(AnthropicClient client, MessageCreateParams params) {
        try {
            client.messages().create(params);
        } catch (BadRequestException e) {
            assertThat(e.statusCode()).isEqualTo(400);
            return e;
        }
        throw new AssertionError("expected a 400 for " + params);
    }

    private static String message(BadRequestException e) {
        return String.valueOf(e.body().convert(Map.class)).replaceAll("\\s+", " ");
    }

    @Test
    void opus47RefusesEnabledThinkingInFirstPartyWords() {
        BadRequestException e = refused(mock.client(), ask(OPUS_47).enabledThinking(1024).build());
        assertThat(message(e)).contains("\"thinking.type.enabled\" is not supported for this model. "
                + "Use \"thinking.type.adaptive\" and \"output_config.effort\" to control thinking behavior.");
    }

    @Test
    void haiku45RefusesAdaptiveThinking() {
        BadRequestException e = refused(mock.client(), ask(HAIKU_45).thinking(ThinkingConfigAdaptive.builder().build()).build());
        assertThat(message(e)).contains("adaptive thinking is not supported on this model");
    }

    @Test
    void opus47ThinkingTextIsEmptyUnlessDisplayIsSummarized() {
        Message omitted = mock.client().messages().create(ask(OPUS_47).thinking(ThinkingConfigAdaptive.builder().build()).build());
        Message summarized = mock.client().messages().create(ask(OPUS_47)
                .thinking(ThinkingConfigAdaptive.builder().display(ThinkingConfigAdaptive.Display.SUMMARIZED).build()).build());
        assertThat(omitted.content().get(0).asThinking().thinking()).isEmpty();
        assertThat(omitted.content().get(0).asThinking().signature()).isNotBlank();
        assertThat(summarized.content().get(0).asThinking().thinking()).isNotEmpty();
    }

    @Test
    void sonnet46ServedOnPurposeSummarizesAdaptiveThinkingByDefault() {
        try (RunningMock serving = RunningMock.start(c -> c.offMantleModels = "serve")) {
            Message m = serving.client().messages().create(ask("anthropic.claude-sonnet-4-6")
                    .thinking(ThinkingConfigAdaptive.builder().build()).build());
            assertThat(m.content().get(0).asThinking().thinking()).isNotEmpty();
        }
    }

    @Test
    void haiku45RefusesTheEffortParameterAndMythosPreviewRefusesXhigh() {
        assertThat(message(refused(mock.client(), ask(HAIKU_45)
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.LOW).build()).build())))
                .contains("This model does not support the effort parameter");
        assertThat(message(refused(mock.client(), ask(MYTHOS_PREVIEW)
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.XHIGH).build()).build())))
                .contains("output_config.effort: Input should be 'low', 'medium', 'high' or 'max'");
        Message xhigh = mock.client().messages().create(ask(OPUS_47)
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.XHIGH).build()).build());
        assertThat(xhigh.content()).isNotEmpty();
    }

    @Test
    void sonnet5RefusesAssistantPrefillWhileHaiku45AcceptsIt() {
        assertThat(message(refused(mock.client(), ask(SONNET_5).addAssistantMessage("The answer is").build())))
                .contains("This model does not support assistant message prefill. The conversation must end with a user message.");
        assertThat(mock.client().messages().create(ask(HAIKU_45).addAssistantMessage("The answer is").build()).content()).isNotEmpty();
    }

    @Test
    void allowPrefillInTheConfigHoldsForEveryModel() {
        try (RunningMock accepting = RunningMock.start(c -> c.validation.allowPrefill = true);
                RunningMock refusing = RunningMock.start(c -> c.validation.allowPrefill = false)) {
            assertThat(accepting.client().messages().create(ask(OPUS_47).addAssistantMessage("The answer is").build()).content()).isNotEmpty();
            refused(refusing.client(), ask(HAIKU_45).addAssistantMessage("The answer is").build());
        }
    }

    @Test
    void structuredOutputsAndStrictToolsAreExtraInputsOnMantle() {
        OutputConfig format = OutputConfig.builder().format(JsonOutputFormat.builder()
                .schema(JsonOutputFormat.Schema.builder().putAdditionalProperty("type", JsonValue.from("object")).build()).build()).build();
        assertThat(message(refused(mock.client(), ask(OPUS_47).outputConfig(format).build())))
                .contains("output_config.format: Extra inputs are not permitted");
        Tool strict = Tool.builder().name("lookup").strict(true)
                .inputSchema(Tool.InputSchema.builder().properties(JsonValue.from(Map.of())).build()).build();
        assertThat(message(refused(mock.client(), ask(HAIKU_45).addTool(strict).build())))
                .contains("tools.0.custom.strict: Extra inputs are not permitted");
    }

    @Test
    void aPartialOverrideInTheConfigChangesOnlyTheFieldsItNames() {
        ModelEntry haiku = new ModelEntry();
        haiku.id = HAIKU_45;
        haiku.structuredOutputs = true;
        try (RunningMock changed = RunningMock.start(c -> c.models.add(haiku))) {
            OutputConfig format = OutputConfig.builder().format(JsonOutputFormat.builder()
                    .schema(JsonOutputFormat.Schema.builder().putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty("additionalProperties", JsonValue.from(false)).build()).build()).build();
            assertThat(changed.client().messages().create(ask(HAIKU_45).outputConfig(format).build()).content()).isNotEmpty();
            assertThat(message(refused(changed.client(), ask(HAIKU_45).thinking(ThinkingConfigAdaptive.builder().build()).build())))
                    .as("the rest of the built-in row is kept").contains("adaptive thinking is not supported on this model");
        }
    }

    @Test
    void aModelAddedInTheConfigStartsFromTheTableDefaults() {
        ModelEntry added = new ModelEntry();
        added.id = "anthropic.claude-future-1";
        added.prefill = true;
        try (RunningMock withIt = RunningMock.start(c -> c.models.add(added))) {
            assertThat(withIt.client().messages().create(ask(added.id).addAssistantMessage("So").build()).content()).isNotEmpty();
            refused(withIt.client(), ask(added.id).enabledThinking(1024).build());
        }
    }

    @Test
    void aWrongValueInAModelEntryStopsTheStartNamingIt() {
        ModelEntry bad = new ModelEntry();
        bad.id = OPUS_47;
        bad.thinking = List.of("sometimes");
        assertThatThrownBy(() -> RunningMock.start(c -> c.models.add(bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models: 'anthropic.claude-opus-4-7': thinking").hasMessageContaining("'sometimes'");
    }

    @Test
    void modelsAwsDoesNotListForMantleAreNotFoundUnlessServedOnPurpose() {
        MessageCreateParams opus46 = ask("anthropic.claude-opus-4-6").build();
        assertThatThrownBy(() -> mock.client().messages().create(opus46)).isInstanceOf(NotFoundException.class);
        try (RunningMock serving = RunningMock.start(c -> c.offMantleModels = "serve")) {
            assertThat(serving.client().messages().create(opus46).content()).isNotEmpty();
        }
    }

    @Test
    void aFifthCacheBreakpointIsRefused() {
        List<TextBlockParam> system = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            system.add(TextBlockParam.builder().text("Rule " + i).cacheControl(CacheControlEphemeral.builder().build()).build());
        }
        assertThat(message(refused(mock.client(), ask(HAIKU_45).systemOfTextBlockParams(system).build())))
                .contains("A maximum of 4 blocks with cache_control may be provided. Found 5.");
    }

    @Test
    void aOneHourBreakpointAfterAFiveMinuteOneIsRefused() {
        List<TextBlockParam> system = List.of(
                TextBlockParam.builder().text("First").cacheControl(CacheControlEphemeral.builder().build()).build(),
                TextBlockParam.builder().text("Second").cacheControl(CacheControlEphemeral.builder()
                        .ttl(CacheControlEphemeral.Ttl.TTL_1H).build()).build());
        assertThat(message(refused(mock.client(), ask(HAIKU_45).systemOfTextBlockParams(system).build())))
                .contains("system.1.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' "
                        + "cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.");
    }

    @Test
    void aPrefixBelowTheModelsMinimumIsNotCachedWithoutError() {
        // About 3,000 tokens (3,900 with Sonnet 5's tokenizer): above Sonnet 5's 1,024 on Bedrock, below Haiku 4.5's 4,096.
        List<TextBlockParam> system = List.of(TextBlockParam.builder().text("All work and no play. ".repeat(480))
                .cacheControl(CacheControlEphemeral.builder().build()).build());
        Message haiku = mock.client().messages().create(ask(HAIKU_45).systemOfTextBlockParams(system).build());
        Message sonnet = mock.client().messages().create(ask(SONNET_5).systemOfTextBlockParams(system).build());
        assertThat(haiku.usage().cacheCreationInputTokens()).hasValue(0L);
        assertThat(sonnet.usage().cacheCreationInputTokens().orElse(0L)).isPositive();
    }

    @Test
    void noModelIdIsWrittenInTheMainJavaSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            List<Path> naming = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("claude-");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(naming).as("model ids belong in bedrock/models.yaml").isEmpty();
        }
    }
}
