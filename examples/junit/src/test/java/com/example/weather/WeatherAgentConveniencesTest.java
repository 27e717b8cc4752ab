package com.example.weather;

import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.messagesRequested;
import static dev.mantlemock.kit.MantleMockDsl.overloaded;
import static dev.mantlemock.kit.MantleMockDsl.requestsAnsweredBy;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static dev.mantlemock.kit.MantleMockDsl.toolUse;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import dev.mantlemock.junit.MantleMockTest;
import dev.mantlemock.kit.MantleMock;
import dev.mantlemock.kit.StubInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What WireMock users reach for: answers in sequence, matching on more of the request, stubs by id, a fault for one stub. */
@MantleMockTest
class WeatherAgentConveniencesTest {
    private static final WeatherService SUNNY = city -> "18 C and sunny in " + city;

    @Test
    void answersComeInSequence(MantleMock mock, AnthropicClient client) {
        // The first request gets a tool call, the next the final answer; after the last, the last repeats.
        mock.stubFor(messages().withTool("get_weather")
                .willReturn(toolUse("get_weather", Map.of("city", "Paris")))
                .then(text("18 C and sunny.")));

        assertThat(new WeatherAgent(client, SUNNY).ask("Weather in Paris?")).isEqualTo("18 C and sunny.");
        assertThat(new WeatherAgent(client, SUNNY).ask("And now?")).isEqualTo("18 C and sunny."); // the last, repeated
    }

    @Test
    void stubsMatchOnToolsToolChoiceThinkingAHeaderABodyPathAndAPredicate(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages()
                .withTools("get_weather")
                .withToolChoice("auto")                                 // no tool_choice counts as auto
                .withThinking(false)
                .withHeaderContaining("user-agent", "java")             // the SDK's own header
                .withBodyAt("$.max_tokens", 512)                        // a JSON path; "/max_tokens" (a pointer) works too
                .matching(body -> body.path("system").asText().contains("weather"), "a weather system prompt")
                .willReturn(text("Matched.")));

        assertThat(new WeatherAgent(client, SUNNY).ask("Anything?")).isEqualTo("Matched.");
        mock.verify(1, messagesRequested().withBodyAt("/messages/0/content", "Anything?"));
    }

    @Test
    void aStubIsListedAndRemovedById(MantleMock mock, AnthropicClient client) {
        StubInfo general = mock.stubFor(messages().willReturn(text("General answer.")));
        mock.stubFor(messages().withLastUserMessageContaining("Paris").willReturn(text("About Paris.")).named("paris"));

        List<StubInfo> stubs = mock.stubs(); // newest first: the order they are tried in
        assertThat(stubs).extracting(StubInfo::id).containsExactly("paris", general.id());

        mock.removeStub("paris");
        assertThat(new WeatherAgent(client, SUNNY).ask("Paris?")).isEqualTo("General answer.");
    }

    @Test
    void aFaultForTheRequestsOfOneStub(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().willReturn(text("About elsewhere.")));
        mock.stubFor(messages().withLastUserMessageContaining("Paris").willReturn(text("About Paris.")).named("paris")); // newer: tried first
        mock.stubFor(requestsAnsweredBy("paris").willFail(overloaded()).times(1)); // only what "paris" answers fails

        assertThat(new WeatherAgent(client, SUNNY).ask("Rome?")).isEqualTo("About elsewhere.");
        assertThat(new WeatherAgent(client, SUNNY).ask("Paris?")).isEqualTo("About Paris."); // after one 529, retried
        mock.verify(3, messagesRequested());
    }
}
