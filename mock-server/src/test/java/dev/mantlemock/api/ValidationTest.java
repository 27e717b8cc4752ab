package dev.mantlemock.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RunningMock;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of the request schema, with the first-party style message the user sees. */
class ValidationTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();


    private static final String M = "\"model\":\"anthropic.claude-haiku-4-5\"";
    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            2023-06-01 | {"max_tokens":10,$HI}                                   | model: Field required
            2023-06-01 | {$M,$HI}                                               | max_tokens: Field required
            2023-06-01 | {$M,"max_tokens":10}                                    | messages: Field required
            2023-06-01 | {$M,"max_tokens":"ten",$HI}                            | max_tokens: Input should be a valid integer
            2023-06-01 | {$M,"max_tokens":-1,$HI}                               | max_tokens: Input should be greater than or equal to 0
            2023-06-01 | {$M,"max_tokens":10,"messages":[]}                      | messages: List should have at least 1 item
            2023-06-01 | {$M,"max_tokens":10,"messages":"Hi"}                    | messages: Input should be a valid list
            2023-06-01 | {$M,"max_tokens":10,$HI,"colour":"red"}                | colour: Extra inputs are not permitted
            2023-06-01 | {$M,"max_tokens":10,$HI,"temperature":1.5}             | temperature: Input should be less than or equal to 1
            2023-06-01 | {$M,"max_tokens":10,$HI,"top_p":"x"}                   | top_p: Input should be a valid number
            2026-10-21 | {$M,"max_tokens":10,$HI,"temperature":1.0}             | temperature: Extra inputs are not permitted
            2026-10-21 | {$M,"max_tokens":10,$HI,"top_k":5}                     | top_k: Extra inputs are not permitted
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"robot","content":"x"}]}  | messages.0.role: Input should be 'assistant', 'user'
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"system","content":"x"}]} | messages.0.role: Input should be 'assistant', 'user'
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"user"}]}       | messages.0.content: Field required
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"user","content":[{"type":"video"}]}]} | messages.0.content.0: Input tag 'video' found using 'type' does not match
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"user","content":[{"type":"text"}]}]}  | messages.0.content.0.text: Field required
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"x"}}]}]} | messages.0.content.0.source.media_type: Input should be
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_x","content":"r"}]}]} | unexpected `tool_use_id` found in `tool_result` blocks: toolu_x
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]},{"role":"user","content":"b"}]} | `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1
            2023-06-01 | {$M,"max_tokens":10,$HI,"thinking":{"type":"enabled","budget_tokens":100}} | thinking.enabled.budget_tokens: Input should be greater than or equal to 1024
            2023-06-01 | {$M,"max_tokens":10,$HI,"thinking":{"type":"enabled"}}  | thinking.enabled.budget_tokens: Field required
            2023-06-01 | {$M,"max_tokens":5000,$HI,"thinking":{"type":"enabled","budget_tokens":2000,"display":"full"}} | thinking.enabled.display: Input should be
            2023-06-01 | {$M,"max_tokens":5000,$HI,"thinking":{"type":"adaptive"},"tools":[{"name":"t","input_schema":{"type":"object"}}],"tool_choice":{"type":"any"}} | Thinking may not be enabled when tool_choice forces tool use
            2023-06-01 | {$M,"max_tokens":10,$HI,"tools":[{"name":"t"}]}        | tools.0.custom.input_schema: Field required
            2023-06-01 | {$M,"max_tokens":10,$HI,"tools":[{"name":"t","input_schema":{"type":"string"}}]} | tools.0.custom.input_schema.type: Input should be 'object'
            2023-06-01 | {$M,"max_tokens":10,$HI,"tools":[{"name":"t","input_schema":{"type":"object"},"colour":1}]} | tools.0.custom.colour: Extra inputs are not permitted
            2023-06-01 | {$M,"max_tokens":10,$HI,"tools":[{"name":"t","input_schema":{"type":"object"}},{"name":"t","input_schema":{"type":"object"}}]} | tools: Tool names must be unique
            2023-06-01 | {$M,"max_tokens":10,$HI,"tool_choice":{"type":"any"}}   | tool_choice: tool_choice.any may only be specified while providing tools
            2023-06-01 | {$M,"max_tokens":10,$HI,"tool_choice":{"type":"maybe"}} | tool_choice: Input tag 'maybe'
            2023-06-01 | {$M,"max_tokens":10,$HI,"stop_sequences":[1]}          | stop_sequences.0: Input should be a valid string
            2023-06-01 | {$M,"max_tokens":10,$HI,"stream":"yes"}                | stream: Input should be a valid boolean
            2023-06-01 | {$M,"max_tokens":10,$HI,"metadata":{"user":"x"}}       | metadata.user: Extra inputs are not permitted
            2023-06-01 | {$M,"max_tokens":10,$HI,"cache_control":{"type":"ephemeral","ttl":"2h"}} | cache_control.ttl: Input should be '1h', '5m'
            2023-06-01 | {$M,"max_tokens":10,$HI,"output_config":{"format":{"type":"json_schema"}}} | output_config.format.json_schema.schema: Field required
            2023-06-01 | {$M,"max_tokens":10,$HI,"output_config":{"effort":"extreme"}} | output_config.effort: Input should be
            2026-10-21 | {$M,"max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"x","citations":[{"type":"char_location"}]}]}]} | citations are not allowed on text blocks in user messages
            2023-06-01 | {$M,"max_tokens":10,$HI,"context_management":{"edits":[{"type":"clear_everything"}]}} | context_management.edits.0: Input tag 'clear_everything'
            2023-06-01 | {$M,"max_tokens":10,$HI,"context_management":{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"messages","value":3}}]}} | context_management.edits.0.trigger: Input tag 'messages'
            2023-06-01 | {$M,"max_tokens":10,$HI,"context_management":{"edits":[{"type":"clear_tool_uses_20250919","keep":{"type":"tool_uses","value":-1}}]}} | context_management.edits.0.keep.value: Input should be greater than or equal to 0
            2023-06-01 | {$M,"max_tokens":10,$HI,"context_management":{"edits":[{"type":"clear_tool_uses_20250919","exclude_tools":"search"}]}} | context_management.edits.0.exclude_tools: Input should be a valid list
            2023-06-01 | {$M,"max_tokens":10,$HI,"context_management":{"edits":[{"type":"compact_20260112","trigger":{"type":"input_tokens","value":1000}}]}} | context_management.edits.0.trigger.value: Input should be greater than or equal to 50000
            2023-06-01 | {$M,"max_tokens":5000,$HI,"thinking":{"type":"enabled","budget_tokens":2000},"context_management":{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":0}}]}} | context_management.edits.0.keep.value: Input should be greater than or equal to 1
            """)
    void refuses(String version, String body, String message) {
        HttpResponse<String> r = mock.post("/v1/messages", body.replace("$M", M).replace("$HI", HI),
                "content-type", "application/json", "anthropic-version", version, "x-api-key", "k");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"type\":\"invalid_request_error\"").contains(message.replace("\"", "\\\""));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            2023-06-01 | {$M,"max_tokens":10,$HI,"temperature":0.5,"top_k":40}
            2023-06-01 | {$M,"max_tokens":10,$HI,"top_p":0.9,"top_k":40}
            2023-06-01 | {$M,"max_tokens":0,$HI}
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}
            2023-06-01 | {$M,"max_tokens":10,"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"The answer is"}]}
            2026-10-21 | {"model":"anthropic.claude-opus-5-5","max_tokens":10,"messages":[{"role":"user","content":"a"},{"role":"system","content":"Be brief"}]}
            2026-10-21 | {$M,"max_tokens":10,$HI,"user_profile_id":"up_1","metadata":{"user_id":"u"},"service_tier":"auto"}
            2023-06-01 | {"model":"anthropic.claude-opus-4-7","max_tokens":10,$HI,"output_config":{"effort":"xhigh"}}
            2023-06-01 | {$M,"max_tokens":10,"system":[{"type":"text","text":"s","cache_control":{"type":"ephemeral","ttl":"1h"}}],$HI}
            """)
    void accepts(String version, String body) {
        HttpResponse<String> r = mock.post("/v1/messages", body.replace("$M", M).replace("$HI", HI),
                "content-type", "application/json", "anthropic-version", version, "x-api-key", "k");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            {$M,$HI}                      |
            {$M,"max_tokens":10,$HI}      | max_tokens: Extra inputs are not permitted
            {$M,"stream":true,$HI}        | stream: Extra inputs are not permitted
            """)
    void countTokensHasItsOwnFields(String body, String message) {
        HttpResponse<String> r = mock.post("/v1/messages/count_tokens", body.replace("$M", M).replace("$HI", HI),
                "content-type", "application/json", "anthropic-version", "2023-06-01", "x-api-key", "k");

        if (message == null) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).matches("\\{\"input_tokens\":\\d+}");
        } else {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains(message);
        }
    }
}
