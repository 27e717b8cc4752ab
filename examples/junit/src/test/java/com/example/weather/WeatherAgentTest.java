package com.example.weather;

import static dev.mantlemock.kit.MantleMockDsl.droppedConnection;
import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.messagesRequested;
import static dev.mantlemock.kit.MantleMockDsl.overloaded;
import static dev.mantlemock.kit.MantleMockDsl.rateLimited;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static dev.mantlemock.kit.MantleMockDsl.toolUse;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import dev.mantlemock.junit.MantleMockTest;
import dev.mantlemock.kit.MantleMock;
import dev.mantlemock.kit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The weather agent against a mock of Claude in Amazon Bedrock: retries, a cut stream, a quota 429, the tool loop. */
@MantleMockTest
class WeatherAgentTest {
    private static final WeatherService SUNNY = city -> "18 C and sunny in " + city;

    @Test
    void anOverloadedBedrockIsRetriedAndTheAgentStillAnswers(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().willFail(overloaded()).times(2));
        mock.stubFor(messages().willReturn(text("No forecast needed for that.")));

        String answer = new WeatherAgent(client, SUNNY).ask("Is it a good day for a walk?");

        assertThat(answer).isEqualTo("No forecast needed for that.");
        mock.verify(3, messagesRequested().withModel(WeatherAgent.MODEL));
        assertThat(mock.requests()).extracting(RecordedRequest::status).containsExactly(529, 529, 200);
    }

    @Test
    void aStreamCutMidAnswerIsTriedAgainAndTheWholeAnswerArrives(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().willReturn(text("Paris will be sunny all week, with light winds from the west.")));
        mock.stubFor(messages().willFail(droppedConnection().afterEvents(4)).times(1));

        String answer = new WeatherAgent(client, SUNNY).askStreaming("Tell me about the week in Paris.");

        assertThat(answer).isEqualTo("Paris will be sunny all week, with light winds from the west.");
        mock.verify(2, messagesRequested().streaming(true));
    }

    @Test
    void aQuota429IsHonouredWithItsRetryAfter(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().willFail(rateLimited().retryAfter(1)).times(1));
        mock.stubFor(messages().willReturn(text("Done.")));

        assertThat(new WeatherAgent(client, SUNNY).ask("Anything?")).isEqualTo("Done.");

        mock.verify(2, messagesRequested());
        List<RecordedRequest> calls = mock.requests();
        assertThat(calls).extracting(RecordedRequest::status).containsExactly(429, 200);
        // The SDK waited at least the second the 429 asked for (a lower bound: a slow machine only adds to it).
        Duration waited = Duration.between(Instant.parse(calls.get(0).entry().time()), Instant.parse(calls.get(1).entry().time()));
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aTwoTurnToolConversationIsVerifiedByTheJournal(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().withLastUserMessageContaining("weather").willReturn(toolUse("get_weather", Map.of("city", "Paris"))));
        mock.stubFor(messages().withToolResultFor("get_weather").willReturn(text("It is 18 C and sunny in Paris.")));

        String answer = new WeatherAgent(client, SUNNY).ask("What is the weather in Paris?");

        assertThat(answer).isEqualTo("It is 18 C and sunny in Paris.");
        mock.verify(2, messagesRequested().withModel(WeatherAgent.MODEL).withTool("get_weather"));
        mock.verify(1, messagesRequested().withToolResultFor("get_weather"));
        RecordedRequest second = mock.findAll(messagesRequested().withToolResultFor("get_weather")).get(0);
        assertThat(second.body().path("messages").get(2).path("content").get(0).path("content").asText())
                .isEqualTo("18 C and sunny in Paris");
    }
}
