package dev.mantlemock.answer;

import dev.mantlemock.domain.Json;
import dev.mantlemock.tokens.TokenEstimator;
import dev.mantlemock.domain.Answer;
import static dev.mantlemock.testing.TestRequests.OPUS_47;
import static dev.mantlemock.testing.TestRequests.SONNET;
import static dev.mantlemock.testing.TestRequests.node;
import static dev.mantlemock.testing.TestRequests.quoted;
import static dev.mantlemock.testing.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerGeneratorTest {
    private static final String WEATHER_TOOL = """
        {"name":"get_weather","description":"Current weather","input_schema":{"type":"object",
          "properties":{"city":{"type":"string"},"unit":{"enum":["celsius","fahrenheit"]},"days":{"type":"integer","minimum":1,"maximum":7}},
          "required":["city"]}}""";
    private static final String TIME_TOOL = """
        {"name":"get_time","input_schema":{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}}""";

    private final TokenEstimator estimator = new TokenEstimator();
    private final AnswerGenerator generator = new AnswerGenerator(42L, estimator, new SchemaSampler());

    // --- determinism -------------------------------------------------------------------------

    @Test
    void theSameRequestTwiceGivesTheSameAnswer() {
        MessageRequest r = ask("Tell me about rivers.", ", \"tools\":[" + WEATHER_TOOL + "," + TIME_TOOL + "]");
        assertThat(generator.generate(r, SONNET)).isEqualTo(generator.generate(ask("Tell me about rivers.",
                ", \"tools\":[" + WEATHER_TOOL + "," + TIME_TOOL + "]"), SONNET));
    }

    @Test
    void keyOrderAndTheStreamFlagDoNotChangeTheAnswer() {
        MessageRequest plain = request("{\"model\":\"m\",\"max_tokens\":200,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        MessageRequest streamed = request("{\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],\"stream\":true,\"max_tokens\":200,\"model\":\"m\"}");
        assertThat(generator.generate(streamed, SONNET)).isEqualTo(generator.generate(plain, SONNET));
    }

    @Test
    void theGlobalSeedVariesTheAnswer() {
        MessageRequest r = ask("hi", "");
        assertThat(new AnswerGenerator(1L).generate(r, SONNET)).isNotEqualTo(new AnswerGenerator(2L).generate(r, SONNET));
    }

    // --- text, max_tokens, stop sequences -----------------------------------------------------

    @Test
    void aPlainAnswerEchoesTheUserAndEndsItsTurnAtAModestLength() {
        Answer a = generator.generate(ask("What is a good name for a cat?", ""), SONNET);
        assertThat(a.stopReason()).isEqualTo("end_turn");
        assertThat(a.stopSequence()).isNull();
        assertThat(a.content()).hasSize(1);
        assertThat(text(a)).startsWith("You said: \"What is a good name for a cat?\".");
        assertThat(a.outputTokens()).isEqualTo(estimator.estimateText(text(a), SONNET)).isBetween(20, 90);
    }

    @Test
    void maxTokensCutsTheTextSoItsEstimateFits() {
        for (ModelSpec model : List.of(SONNET, OPUS_47)) {
            Answer a = generator.generate(ask("Please write a long essay about mountains.", "", 7), model);
            assertThat(a.stopReason()).isEqualTo("max_tokens");
            assertThat(a.outputTokens()).isEqualTo(estimator.estimateText(text(a), model)).isLessThanOrEqualTo(7).isPositive();
            assertThat("You said: \"Please write a long essay about mountains.\"").startsWith(text(a));
        }
    }

    @Test
    void maxTokensZeroGivesAnEmptyAnswer() {
        Answer a = generator.generate(ask("warm the cache", "", 0), SONNET);
        assertThat(a.content()).isEmpty();
        assertThat(a.stopReason()).isEqualTo("max_tokens");
        assertThat(a.outputTokens()).isZero();
    }

    @Test
    void aStopSequenceInTheWouldBeTextCutsBeforeItAndIsEchoed() {
        Answer a = generator.generate(ask("Count with me: one two BANANA three", ", \"stop_sequences\":[\"BANANA\",\"three\"]"), SONNET);
        assertThat(a.stopReason()).isEqualTo("stop_sequence");
        assertThat(a.stopSequence()).isEqualTo("BANANA");
        assertThat(text(a)).isEqualTo("You said: \"Count with me: one two ");
        assertThat(a.outputTokens()).isEqualTo(estimator.estimateText(text(a), SONNET));
    }

    @Test
    void aStopSequenceThatNeverAppearsChangesNothing() {
        Answer with = generator.generate(ask("hello", ", \"stop_sequences\":[\"ZEBRA-42\"]"), SONNET);
        assertThat(with.stopReason()).isEqualTo("end_turn");
        assertThat(with.stopSequence()).isNull();
    }

    @Test
    void maxTokensWinsWhenTheBudgetEndsBeforeTheStopSequence() {
        Answer a = generator.generate(ask("A long preamble before the word STOPHERE appears", ", \"stop_sequences\":[\"STOPHERE\"]", 4), SONNET);
        assertThat(a.stopReason()).isEqualTo("max_tokens");
        assertThat(a.stopSequence()).isNull();
    }

    // --- tools ---------------------------------------------------------------------------------

    @Test
    void toolChoiceAnyCallsAToolWithInputValidForItsSchema() {
        for (int i = 0; i < 30; i++) {
            Answer a = generator.generate(ask("question " + i, ", \"tools\":[" + WEATHER_TOOL + "," + TIME_TOOL + "], \"tool_choice\":{\"type\":\"any\"}"), SONNET);
            assertThat(a.stopReason()).isEqualTo("tool_use");
            List<ObjectNode> calls = toolUses(a);
            assertThat(calls).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            for (ObjectNode call : calls) {
                assertThat(call.path("id").asText()).matches("toolu_[1-9A-HJ-NP-Za-km-z0-9]{24}");
                JsonNode schema = node(call.path("name").asText().equals("get_weather") ? WEATHER_TOOL : TIME_TOOL).path("input_schema");
                assertThat(SchemaConformance.violations(schema, call.path("input"))).isEmpty();
            }
            assertThat(a.outputTokens()).isEqualTo(contentTokens(a, SONNET));
        }
    }

    @Test
    void toolChoiceToolCallsExactlyTheNamedTool() {
        for (int i = 0; i < 20; i++) {
            Answer a = generator.generate(ask("q" + i, ", \"tools\":[" + WEATHER_TOOL + "," + TIME_TOOL + "], \"tool_choice\":{\"type\":\"tool\",\"name\":\"get_time\"}"), SONNET);
            assertThat(a.content()).hasSize(1);
            assertThat(toolUses(a)).singleElement().satisfies(c -> assertThat(c.path("name").asText()).isEqualTo("get_time"));
            assertThat(a.stopReason()).isEqualTo("tool_use");
        }
    }

    @Test
    void toolChoiceAutoCallsAToolUntilAToolResultComesBack() {
        Answer first = generator.generate(ask("Weather in Oslo?", ", \"tools\":[" + WEATHER_TOOL + "]"), SONNET);
        assertThat(first.stopReason()).isEqualTo("tool_use");
        assertThat(toolUses(first)).hasSize(1);
        assertThat(first.content().get(0).path("type").asText()).isIn("text", "tool_use");
    }

    @Test
    void aToolCallThatDoesNotFitMaxTokensEndsTheAnswerWithoutIt() {
        Answer a = generator.generate(ask("Weather?", ", \"tools\":[" + WEATHER_TOOL + "], \"tool_choice\":{\"type\":\"any\"}", 3), SONNET);
        assertThat(toolUses(a)).isEmpty();
        assertThat(a.stopReason()).isEqualTo("max_tokens");
        assertThat(a.outputTokens()).isLessThanOrEqualTo(3);
    }

    @Test
    void toolChoiceNoneAnswersInText() {
        Answer a = generator.generate(ask("Weather?", ", \"tools\":[" + WEATHER_TOOL + "], \"tool_choice\":{\"type\":\"none\"}"), SONNET);
        assertThat(a.stopReason()).isEqualTo("end_turn");
        assertThat(toolUses(a)).isEmpty();
    }

    @Test
    void anAgentLoopWithAutoToolChoiceEndsAfterTheToolResults() {
        ObjectNode body = (ObjectNode) node("{\"model\":\"m\",\"max_tokens\":500,\"tools\":[" + WEATHER_TOOL + "," + TIME_TOOL
                + "],\"messages\":[{\"role\":\"user\",\"content\":\"Plan my day in Oslo\"}]}");
        ArrayNode messages = (ArrayNode) body.get("messages");
        int rounds = 0;
        Answer a;
        do {
            a = generator.generate(new MessageRequest(body), SONNET);
            rounds++;
            messages.addObject().put("role", "assistant").set("content", Json.MAPPER.valueToTree(a.content()));
            ArrayNode results = messages.addObject().put("role", "user").putArray("content");
            toolUses(a).forEach(call -> results.addObject().put("type", "tool_result")
                    .put("tool_use_id", call.path("id").asText()).put("content", "sunny, 18 degrees"));
        } while (a.stopReason().equals("tool_use") && rounds < 5);
        assertThat(rounds).isEqualTo(2);
        assertThat(a.stopReason()).isEqualTo("end_turn");
        assertThat(text(a)).startsWith("The tool returned: \"sunny, 18 degrees");
    }

    @Test
    void parallelCallsHappenSometimesButNeverWhenDisabled() {
        Set<Integer> counts = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            String tools = ", \"tools\":[" + WEATHER_TOOL + "," + TIME_TOOL + "]";
            Answer parallel = generator.generate(ask("p" + i, tools + ", \"tool_choice\":{\"type\":\"any\"}"), SONNET);
            counts.add(toolUses(parallel).size());
            if (toolUses(parallel).size() == 2) {
                assertThat(toolUses(parallel).get(0).path("name")).isNotEqualTo(toolUses(parallel).get(1).path("name"));
            }
            Answer single = generator.generate(ask("p" + i, tools + ", \"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}"), SONNET);
            assertThat(toolUses(single)).hasSize(1);
        }
        assertThat(counts).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void anthropicDefinedClientToolsGetTheirDocumentedInputs() {
        assertThat(onlyCallInput("{\"type\":\"bash_20250124\",\"name\":\"bash\"}").path("command").isTextual()).isTrue();
        assertThat(onlyCallInput("{\"type\":\"text_editor_20250728\",\"name\":\"str_replace_based_edit_tool\"}"))
                .isEqualTo(node("{\"command\":\"view\",\"path\":\"/repo/README.md\"}"));
        assertThat(onlyCallInput("{\"type\":\"computer_20250124\",\"name\":\"computer\",\"display_width_px\":1024,\"display_height_px\":768}"))
                .isEqualTo(node("{\"action\":\"screenshot\"}"));
        assertThat(onlyCallInput("{\"type\":\"memory_20250818\",\"name\":\"memory\"}"))
                .isEqualTo(node("{\"command\":\"view\",\"path\":\"/memories\"}"));
    }

    // --- thinking ------------------------------------------------------------------------------

    @Test
    void thinkingComesFirstWithinItsBudgetAndCountsAsOutput() {
        for (int budget : new int[] {5, 30, 2000}) {
            Answer a = generator.generate(ask("Why is the sky blue?", ", \"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}", 4000), SONNET);
            ObjectNode thinking = a.content().get(0);
            assertThat(thinking.path("type").asText()).isEqualTo("thinking");
            assertThat(estimator.estimateText(thinking.path("thinking").asText(), SONNET)).isPositive().isLessThanOrEqualTo(budget);
            assertThat(thinking.path("signature").asText()).as("signed once, by thinking.AnswerSigning").isEmpty();
            assertThat(a.thinkingTokens()).isEqualTo(estimator.estimateText(thinking.path("thinking").asText(), SONNET));
            assertThat(a.content().get(1).path("type").asText()).isEqualTo("text");
            assertThat(a.outputTokens()).isEqualTo(contentTokens(a, SONNET));
        }
    }

    @Test
    void omittedThinkingShowsNoTextButIsStillCharged() {
        Answer shown = generator.generate(ask("Why?", ", \"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}", 4000), SONNET);
        Answer omitted = generator.generate(ask("Why?", ", \"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024,\"display\":\"omitted\"}", 4000), SONNET);
        assertThat(omitted.content().get(0).path("thinking").asText()).isEmpty();
        assertThat(omitted.thinkingTokens()).isPositive();
        int visibleText = estimator.estimateText(omitted.content().get(1).path("text").asText(), SONNET);
        assertThat(omitted.outputTokens()).isGreaterThan(visibleText);
        assertThat(shown.content().get(0).path("thinking").asText()).isNotEmpty();
    }

    @Test
    void adaptiveThinkingIsBoundedByMaxTokens() {
        Answer a = generator.generate(ask("Think hard.", ", \"thinking\":{\"type\":\"adaptive\"}", 10), SONNET);
        assertThat(a.content()).extracting(b -> b.path("type").asText()).containsExactly("thinking");
        assertThat(a.stopReason()).isEqualTo("max_tokens");
        assertThat(a.outputTokens()).isEqualTo(10);
    }

    // --- structured outputs ----------------------------------------------------------------------

    @Test
    void structuredOutputIsCompactJsonValidForTheSchema() {
        String schema = """
            {"type":"object","properties":{"name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"},"maxItems":3},
             "address":{"$ref":"#/$defs/address"}},"required":["name","address"],"additionalProperties":false,
             "$defs":{"address":{"type":"object","properties":{"zip":{"type":"string","maxLength":5},"country":{"const":"NO"}},"required":["zip","country"]}}}""";
        for (int i = 0; i < 25; i++) {
            Answer a = generator.generate(ask("Extract " + i, ", \"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":" + schema + "}}"), SONNET);
            assertThat(a.stopReason()).isEqualTo("end_turn");
            JsonNode json = node(text(a));
            assertThat(text(a)).isEqualTo(json.toString());
            assertThat(SchemaConformance.violations(node(schema), json)).isEmpty();
        }
    }

    // --- citations ---------------------------------------------------------------------------------

    @Test
    void charLocationCitationsQuoteThePlainTextDocumentExactly() {
        String doc = "The grass is green. The sky is blue!\nWater boils at 100 degrees. Ice melts at zero.";
        for (int i = 0; i < 20; i++) {
            MessageRequest r = request("""
                {"max_tokens":1000,"messages":[
                  {"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"ignored"}},{"type":"text","text":"first"}]},
                  {"role":"assistant","content":"ok"},
                  {"role":"user","content":[{"type":"document","title":"Facts","citations":{"enabled":true},
                     "source":{"type":"text","media_type":"text/plain","data":%s}},{"type":"text","text":"What colour is the sky? %d"}]}]}"""
                    .formatted(quoted(doc), i));
            Answer a = generator.generate(r, SONNET);
            List<JsonNode> citations = citationsOf(a);
            assertThat(citations).isNotEmpty();
            for (JsonNode c : citations) {
                assertThat(c.path("type").asText()).isEqualTo("char_location");
                assertThat(c.path("document_index").asInt()).isEqualTo(1);
                assertThat(c.path("document_title").asText()).isEqualTo("Facts");
                assertThat(c.path("cited_text").asText())
                        .isEqualTo(doc.substring(c.path("start_char_index").asInt(), c.path("end_char_index").asInt()))
                        .isNotBlank();
            }
        }
    }

    @Test
    void aCitedAnswerLeadsWithPlainTextThenOneCitationPerBlock() {
        Answer a = generator.generate(request("""
            {"max_tokens":1000,"messages":[{"role":"user","content":[{"type":"document","citations":{"enabled":true},
              "source":{"type":"text","media_type":"text/plain","data":"One. Two. Three."}},{"type":"text","text":"Summarise"}]}]}"""), SONNET);
        assertThat(a.content().get(0).has("citations")).isFalse();
        assertThat(a.content().subList(1, a.content().size())).isNotEmpty()
                .allSatisfy(b -> assertThat(b.path("citations").size()).isEqualTo(1));
        assertThat(a.content().get(0).path("citations").isMissingNode()).isTrue();
        assertThat(a.stopReason()).isEqualTo("end_turn");
        assertThat(a.content().get(1).get("citations").get(0).has("document_title")).isTrue();
        assertThat(a.content().get(1).get("citations").get(0).get("document_title").isNull()).isTrue();
        assertThat(a.outputTokens()).isEqualTo(contentTokens(a, SONNET));
    }

    @Test
    void pageLocationCitationsCoverTheFirstPagesOfAPdf() {
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4\n1 0 obj BT /F1 12 Tf (Hello PDF world) Tj ET\n%%EOF".getBytes());
        Answer a = generator.generate(request("""
            {"max_tokens":1000,"messages":[{"role":"user","content":[{"type":"document","citations":{"enabled":true},
              "source":{"type":"base64","media_type":"application/pdf","data":"%s"}},{"type":"text","text":"What does it say?"}]}]}"""
                .formatted(pdf)), SONNET);
        assertThat(citationsOf(a)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.path("type").asText()).isEqualTo("page_location");
            assertThat(c.path("start_page_number").asInt()).isEqualTo(1);
            assertThat(c.path("end_page_number").asInt()).isEqualTo(2);
            assertThat(c.path("cited_text").asText()).isEqualTo("Hello PDF world");
            assertThat(c.path("document_index").asInt()).isZero();
        });
    }

    @Test
    void contentBlockLocationCitationsConcatenateTheCitedBlocks() {
        List<String> blocks = List.of("Alpha is first. ", "Beta is second. ", "Gamma is third.");
        for (int i = 0; i < 20; i++) {
            Answer a = generator.generate(request("""
                {"max_tokens":1000,"messages":[{"role":"user","content":[{"type":"document","citations":{"enabled":true},
                  "source":{"type":"content","content":[{"type":"text","text":%s},{"type":"text","text":%s},{"type":"text","text":%s}]}},
                  {"type":"text","text":"List them %d"}]}]}"""
                    .formatted(quoted(blocks.get(0)), quoted(blocks.get(1)), quoted(blocks.get(2)), i)), SONNET);
            assertThat(citationsOf(a)).isNotEmpty().allSatisfy(c -> {
                assertThat(c.path("type").asText()).isEqualTo("content_block_location");
                int start = c.path("start_block_index").asInt();
                int end = c.path("end_block_index").asInt();
                assertThat(end).isGreaterThan(start).isLessThanOrEqualTo(3);
                assertThat(c.path("cited_text").asText()).isEqualTo(String.join("", blocks.subList(start, end)));
            });
        }
    }

    @Test
    void documentsWithoutCitationsEnabledAreNotCited() {
        Answer a = generator.generate(request("""
            {"max_tokens":1000,"messages":[{"role":"user","content":[{"type":"document",
              "source":{"type":"text","media_type":"text/plain","data":"One. Two."}},{"type":"text","text":"Summarise"}]}]}"""), SONNET);
        assertThat(citationsOf(a)).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private JsonNode onlyCallInput(String tool) {
        Answer a = generator.generate(ask("do it", ", \"tools\":[" + tool + "], \"tool_choice\":{\"type\":\"any\"}"), SONNET);
        assertThat(toolUses(a)).hasSize(1);
        return toolUses(a).get(0).path("input");
    }

    private static MessageRequest ask(String userText, String extraFields) {
        return ask(userText, extraFields, 1000);
    }

    private static MessageRequest ask(String userText, String extraFields, int maxTokens) {
        return request("{\"model\":\"anthropic.claude-sonnet-5\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":" + quoted(userText) + "}]" + extraFields + "}");
    }

    private static String text(Answer a) {
        StringBuilder s = new StringBuilder();
        a.content().stream().filter(b -> b.path("type").asText().equals("text")).forEach(b -> s.append(b.path("text").asText()));
        return s.toString();
    }

    private static List<ObjectNode> toolUses(Answer a) {
        return a.content().stream().filter(b -> b.path("type").asText().equals("tool_use")).toList();
    }

    private static List<JsonNode> citationsOf(Answer a) {
        List<JsonNode> out = new ArrayList<>();
        a.content().forEach(b -> b.path("citations").forEach(out::add));
        return out;
    }

    private int contentTokens(Answer a, ModelSpec model) {
        int sum = 0;
        for (ObjectNode b : a.content()) {
            sum += estimator.estimateBlock(b, model);
        }
        return sum;
    }
}
