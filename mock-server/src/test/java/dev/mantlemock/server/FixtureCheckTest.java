package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RunningMock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check-fixtures DIR} lists every fixture a team could not rely on, and fails when there is one. */
class FixtureCheckTest {
    @TempDir
    Path dir;

    private String report;

    private int check(Path directory) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FixtureCheck.run(directory, new PrintStream(out, true, StandardCharsets.UTF_8));
        report = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private void write(String file, String json) throws Exception {
        Files.writeString(dir.resolve(file), json);
    }

    @Test
    void theShippedFixturesAreSound() {
        assertThat(check(RunningMock.fixturesDir())).as(report).isZero();
        assertThat(report).contains("all sound");
    }

    @Test
    void everyBadFixtureIsListedAndTheCheckFails() throws Exception {
        write("a-broken.json", "{ not json");
        write("b-contradiction.json", """
                {"name": "never", "match": {"tools-present": false, "tool": "get_weather"},
                 "response": {"content": [{"type": "text", "text": "hi"}]}}""");
        write("z-catch-all.json", """
                [{"name": "catch-all", "response": {"content": [{"type": "text", "text": "hi"}]}},
                 {"name": "shadowed", "match": {"last-message": {"contains": "weather"}},
                  "response": {"content": [{"type": "text", "text": "sunny"}]}}]""");
        write("d-rules.json", """
                [{"name": "unoffered-tool", "match": {"scenario": "x"},
                  "response": {"content": [{"type": "tool_use", "name": "get_weather", "input": {}}], "stop_reason": "tool_use"}},
                 {"name": "says-tool-use-without-a-call", "match": {"scenario": "y"},
                  "response": {"content": [{"type": "text", "text": "done"}], "stop_reason": "tool_use"}},
                 {"name": "sound", "match": {"scenario": "z", "tool": "get_weather"},
                  "response": {"content": [{"type": "tool_use", "name": "get_weather", "input": {"city": "Paris"}}]}}]""");

        int status = check(dir);

        assertThat(status).isEqualTo(1);
        assertThat(report).contains("a-broken.json")
                .contains("fixture 'never' (b-contradiction.json): it cannot match any request: 'tools-present': false contradicts 'tool'")
                .contains("fixture 'shadowed' (z-catch-all.json): it cannot match any request: the earlier fixture 'catch-all' matches whenever it does")
                .contains("fixture 'unoffered-tool' (d-rules.json): its answer calls the tool 'get_weather', but its match does not require that tool")
                .contains("fixture 'says-tool-use-without-a-call' (d-rules.json): its answer breaks a rule for the requests it matches: "
                        + "stop_reason is tool_use, but it does not end in a tool call")
                .doesNotContain("'sound'")
                .contains("6 fixtures checked").contains("5 problems");
    }

    @Test
    void aRecordingIsCheckedAgainstTheRequestItRecorded() throws Exception {
        write("recorded.json", """
                {"name": "recorded-weather", "match": {"body": {"model": "anthropic.claude-haiku-4-5", "max_tokens": 100,
                   "tools": [{"name": "get_weather", "input_schema": {"type": "object", "properties": {"unit": {"enum": ["c", "f"]}}}}],
                   "messages": [{"role": "user", "content": "Weather?"}]}},
                 "response": {"content": [{"type": "tool_use", "name": "get_weather", "input": {"unit": "kelvin"}}], "stop_reason": "tool_use"}}""");

        assertThat(check(dir)).isEqualTo(1);
        assertThat(report).contains("$.unit: \"kelvin\" is not one of [\"c\",\"f\"]");
    }

    @Test
    void aDirectoryThatDoesNotExistIsAUsageError() {
        assertThat(check(dir.resolve("missing"))).isEqualTo(2);
        assertThat(report).contains("does not exist");
    }
}
