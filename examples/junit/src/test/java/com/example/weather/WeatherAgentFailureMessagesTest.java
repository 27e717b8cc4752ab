package com.example.weather;

import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.messagesRequested;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static dev.mantlemock.kit.MantleMockDsl.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.InternalServerException;
import dev.mantlemock.junit.MantleMockTest;
import dev.mantlemock.kit.MantleMock;
import dev.mantlemock.kit.RecordedRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failures that explain themselves, and stubs held to the request. The failures are caught here so the
 * example passes; in your tests they are what JUnit shows.
 */
@MantleMockTest(strict = true) // every request must meet a stub, or the test fails naming the closest
class WeatherAgentFailureMessagesTest {
    private static final WeatherService SUNNY = city -> "18 C and sunny in " + city;

    @Test
    void aFailedVerifyShowsTheRequestAndTheClosestStubFieldByField(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().withLastUserMessageContaining("weather").willReturn(toolUse("get_weather", Map.of("city", "Paris"))));
        mock.stubFor(messages().withToolResultFor("get_weather").willReturn(text("18 C and sunny.")));
        new WeatherAgent(client, SUNNY).ask("What is the weather in Paris?");

        assertThatThrownBy(() -> mock.verify(messagesRequested().withToolResultFor("get_wether")))
                .hasMessageContaining("tools offered: get_weather")
                .hasMessageContaining("tool results for: get_weather")
                .hasMessageContaining("tool-result-for: wanted get_wether, was tool_result for [get_weather]");
    }

    @Test
    void strictModeNamesTheStubThatCameClosest(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().withLastUserMessageContaining("Paris").willReturn(text("About Paris.")).named("paris"));
        new WeatherAgent(client, SUNNY).ask("Rome?"); // no stub matches: the mock's generator answers

        assertThatThrownBy(mock::assertEveryRequestMatchedAStub) // what the extension runs after the test
                .hasMessageContaining("closest stub 'paris'")
                .hasMessageContaining("last-message: wanted containing 'Paris', was 'Rome?'");
        mock.reset(); // this example ends clean; a real test would let strict mode fail it
    }

    @Test
    void aStubCallingAToolTheRequestDoesNotOfferFailsTheTest(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().willReturn(toolUse("get_wether", Map.of("city", "Paris"))).named("typo"));
        // Bedrock could not call a tool the request does not offer: the mock answers a mock error instead...
        assertThatThrownBy(() -> new WeatherAgent(client, SUNNY).ask("Weather in Paris?")).isInstanceOf(InternalServerException.class);

        assertThatThrownBy(mock::assertStubsHeldToRequests) // ...and the extension fails the test after it, saying why
                .hasMessageContaining("fixture 'typo'")
                .hasMessageContaining("it calls the tool 'get_wether', which the request does not offer (it offers get_weather)");
        mock.reset();
    }

    @Test
    void eachRequestSaysWhichStubAnsweredIt(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().willReturn(text("Hello.")).named("hello"));
        new WeatherAgent(client, SUNNY).ask("Hi?");

        RecordedRequest only = mock.requests().get(0);
        assertThat(only.answeredBy()).contains("hello");
        assertThat(only.header("user-agent")).isPresent(); // Optional<String>
    }
}
