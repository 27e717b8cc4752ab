package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RunningMock;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each profile refuses. The research-preview page and the later GA page disagree on client tools
 * such as computer use and memory; everything else is refused by both. (Structured outputs are each
 * model's rule, in models.yaml: see ModelCapabilityMatrixTest.)
 */
class FeatureProfilesTest {

    @RegisterExtension
    static final RunningMock preview = RunningMock.perClass(c -> c.profile = "preview");

    @RegisterExtension
    static final RunningMock ga = RunningMock.perClass(c -> c.profile = "ga");

    @RegisterExtension
    static final RunningMock strictBetas = RunningMock.perClass(c -> c.validation.betas = "refuse-unsupported");


    private static final String BASE = "\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":50";
    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    @ParameterizedTest(name = "{0}: preview {2}, ga {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            web search tool      | "tools":[{"type":"web_search_20250305","name":"web_search"}],$HI                       | refused  | refused  | The web search tool
            web fetch tool       | "tools":[{"type":"web_fetch_20250910","name":"web_fetch"}],$HI                         | refused  | refused  | The web fetch tool
            code execution tool  | "tools":[{"type":"code_execution_20250825","name":"code_execution"}],$HI               | refused  | refused  | The code execution tool
            tool search tool     | "tools":[{"type":"tool_search_tool_regex_20251119","name":"tool_search_tool_regex"}],$HI | refused | refused | The tool search tool
            MCP servers          | "mcp_servers":[{"type":"url","url":"https://x","name":"x"}],$HI                        | refused  | refused  | The MCP connector
            container            | "container":"cntr_1",$HI                                                               | refused  | refused  | Containers
            fallbacks            | "fallbacks":[{"model":"x"}],$HI                                                        | refused  | refused  | Server-side fallbacks
            image URL source     | "messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://x/y.png"}}]}] | refused | refused | URL sources
            Files API document   | "messages":[{"role":"user","content":[{"type":"document","source":{"type":"file","file_id":"file_1"}}]}] | refused | refused | The Files API
            server tool block    | "messages":[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}]}] | refused | refused | Server-side tool use
            file in tool result  | "tools":[{"name":"t","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"image","source":{"type":"url","url":"https://x"}}]}]}] | refused | refused | URL sources
            memory tool          | "tools":[{"type":"memory_20250818","name":"memory"}],$HI                               | refused  | accepted | The memory tool
            computer use tool    | "tools":[{"type":"computer_20250124","name":"computer","display_width_px":1024,"display_height_px":768}],$HI | refused | accepted | The computer use tool
            bash tool            | "tools":[{"type":"bash_20250124","name":"bash"}],$HI                                   | accepted | accepted | -
            text editor tool     | "tools":[{"type":"text_editor_20250728","name":"str_replace_based_edit_tool"}],$HI     | accepted | accepted | -
            browser toolset      | "tools":[{"type":"browser_toolset_20260801","name":"browser"}],$HI                     | refused  | refused  | Computer and browser toolsets
            """)
    void profilesDecide(String feature, String fields, String inPreview, String inGa, String name) {
        String body = "{" + BASE + "," + fields.replace("$HI", HI) + "}";
        check(preview.postMessages(body), inPreview, name);
        check(ga.postMessages(body), inGa, name);
    }

    @ParameterizedTest(name = "beta {0}")
    @CsvSource({
        "files-api-2025-04-14, The Files API",
        "mcp-client-2025-11-20, The MCP connector",
        "code-execution-2025-08-25, The code execution tool",
        "skills-2025-10-02, Agent Skills",
        "message-batches-2024-09-24, The Message Batches API",
    })
    void betasThatAskForUnsupportedFeaturesAreRefusedWhenSoConfigured(String beta, String feature) {
        HttpResponse<String> r = strictBetas.postMessages("{" + BASE + "," + HI + "}", "anthropic-beta", "prompt-caching-2024-07-31, " + beta);
        check(r, "refused", feature);
        assertThat(r.body()).contains(beta);
    }

    @ParameterizedTest(name = "beta {0}")
    @CsvSource({"interleaved-thinking-2025-05-14", "context-1m-2025-08-07", "files-api-2025-04-14", "structured-outputs-2025-11-13"})
    void knownBetasWhoseFeatureIsNotUsedAreAcceptedByDefault(String beta) {
        check(preview.postMessages("{" + BASE + "," + HI + "}", "anthropic-beta", beta), "accepted", "-");
        check(ga.postMessages("{" + BASE + "," + HI + "}", "anthropic-beta", beta), "accepted", "-");
    }

    @org.junit.jupiter.api.Test
    void aRefusalNamesWhereTheFeatureSitsEvenInsideAToolResult() {
        HttpResponse<String> r = ga.postMessages("{" + BASE + ",\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"t\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":[{\"type\":\"text\",\"text\":\"y\"},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"file\",\"file_id\":\"file_1\"}}]},{\"type\":\"text\",\"text\":\"x\"}]}]}");
        check(r, "refused", "The Files API");
        assertThat(r.body()).contains("messages.2.content.0.content.1.source.type");
    }

    private static void check(HttpResponse<String> r, String expected, String feature) {
        if (expected.equals("accepted")) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } else {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains(feature).contains("is not supported on Claude in Amazon Bedrock");
        }
    }
}
