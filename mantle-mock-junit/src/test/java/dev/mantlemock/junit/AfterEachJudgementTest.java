package dev.mantlemock.junit;

import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.overloaded;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static dev.mantlemock.kit.MantleMockDsl.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import dev.mantlemock.kit.MantleMock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * When a test ends the extension judges it: a stub that answered what the request does not allow fails it,
 * strict mode fails it for a request no stub matched, and the resilience verdicts become a report entry.
 */
class AfterEachJudgementTest {

    @Test
    void aStubCallingAToolTheRequestDoesNotOfferFailsTheTestThatOtherwisePassed() {
        run("typoInAStubsToolName").assertThatEvents().haveExactly(1, event(test("typoInAStubsToolName"),
                finishedWithFailure(message(m -> m.contains("fixture 'stub-") && m.contains("it calls the tool 'lookp_order', which the request does not offer (it offers lookup_order)")))));
    }

    @Test
    void strictModeFailsATestWhoseRequestNoStubMatchedAndNamesTheClosest() {
        run("unmatchedUnderStrict").assertThatEvents().haveExactly(1, event(test("unmatchedUnderStrict"),
                finishedWithFailure(message(m -> m.contains("matched no stub") && m.contains("closest stub 'paris'")
                        && m.contains("last-message: wanted containing 'paris', was 'Berlin?'")))));
    }

    @Test
    void aTestWhoseClientMetAFailureGetsTheResilienceReport() {
        Events events = run("overloadedOnce");
        events.assertStatistics(s -> s.failed(0));
        assertThat(events.reportingEntryPublished().stream().flatMap(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
                .map(r -> r.getKeyValuePairs().get(MantleMockExtension.REPORT_KEY)))
                .anyMatch(r -> r != null && r.contains("ok " + dev.mantlemock.kit.ResilienceReport.BACKOFF));
    }

    /** Set while the tests above run the class below, which is skipped when a build selects it itself. */
    static volatile boolean judging;

    private static Events run(String method) {
        judging = true;
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectMethod(Judged.class, method, MantleMock.class.getName() + "," + AnthropicClient.class.getName()))
                    .execute().allEvents();
        } finally {
            judging = false;
        }
    }

    static MessageCreateParams offeringLookup(String question) {
        return MessageCreateParams.builder().model("anthropic.claude-haiku-4-5").maxTokens(100).addUserMessage(question)
                .addTool(Tool.builder().name("lookup_order").inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("order_id", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("order_id"))).build()).build()).build();
    }

    /** Run only by the tests above (not a top-level test class: its name does not end in Test). */
    @MantleMockTest
    static class Judged {
        @org.junit.jupiter.api.BeforeEach
        void onlyWhenJudged() {
            org.junit.jupiter.api.Assumptions.assumeTrue(judging, "run by AfterEachJudgementTest only");
        }

        @Test
        void typoInAStubsToolName(MantleMock mock, AnthropicClient client) {
            mock.stubFor(messages().willReturn(toolUse("lookp_order", Map.of("order_id", "A1"))));
            try {
                client.messages().create(offeringLookup("Where is A1?"));
            } catch (com.anthropic.errors.InternalServerException swallowed) {
                // code that falls back on an error would pass by itself: the extension still fails the test
            }
        }

        @Test
        void unmatchedUnderStrict(MantleMock mock, AnthropicClient client) {
            mock.strict();
            mock.stubFor(messages().withLastUserMessageContaining("paris").willReturn(text("sunny")).named("paris"));
            client.messages().create(MantleMockTestAnnotationTest.ask("Berlin?")); // the generator answers
        }

        @Test
        void overloadedOnce(MantleMock mock, AnthropicClient client) {
            mock.stubFor(messages().willReturn(text("fine")));
            mock.stubFor(messages().willFail(overloaded()).times(1));
            client.messages().create(MantleMockTestAnnotationTest.ask("hi"));
        }
    }
}
