package com.example.weather;

import static dev.mantlemock.kit.MantleMockDsl.droppedConnection;
import static dev.mantlemock.kit.MantleMockDsl.error;
import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.overloaded;
import static dev.mantlemock.kit.MantleMockDsl.rateLimited;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.BadRequestException;
import dev.mantlemock.junit.MantleMockTest;
import dev.mantlemock.kit.MantleMock;
import dev.mantlemock.kit.ResilienceReport;
import org.junit.jupiter.api.Test;

/** Verdicts on the agent's resilience, read from the times the mock recorded: no timing in the test itself. */
@MantleMockTest
class WeatherAgentResilienceTest {
    private static final WeatherService SUNNY = city -> "18 C and sunny in " + city;

    @Test
    void theAgentMeetsA429A529AndACutStreamWell(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().willReturn(text("Fine.")));
        mock.stubFor(messages().willFail(rateLimited().retryAfter(1)).times(1));      // waits 1 s, as asked
        mock.stubFor(messages().willFail(overloaded()).times(1));                   // then backs off
        WeatherAgent agent = new WeatherAgent(client, SUNNY);

        agent.ask("A walk today?");
        mock.stubFor(messages().willFail(droppedConnection().afterEvents(4)).times(1));
        agent.askStreaming("And tomorrow?"); // the agent asks again after the cut

        mock.assertClientWasResilient();
        ResilienceReport report = mock.resilienceReport(); // also published as a report entry after each test
        assertThat(report.verdicts()).allMatch(ResilienceReport.Verdict::passed);
    }

    @Test
    void aBadRequestIsNotRetried(MantleMock mock, AnthropicClient client) {
        mock.stubFor(messages().willReturn(error("invalid_request_error", "messages: too long")));

        assertThatThrownBy(() -> new WeatherAgent(client, SUNNY).ask("?")).isInstanceOf(BadRequestException.class);
        mock.assertClientWasResilient();
    }
}
