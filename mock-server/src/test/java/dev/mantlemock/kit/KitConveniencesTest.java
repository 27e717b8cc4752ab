package dev.mantlemock.kit;

import static dev.mantlemock.kit.MantleMockDsl.error;
import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.messagesRequested;
import static dev.mantlemock.kit.MantleMockDsl.overloaded;
import static dev.mantlemock.kit.MantleMockDsl.requestsAnsweredBy;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static dev.mantlemock.kit.MantleMockDsl.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Metadata;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import dev.mantlemock.testing.RunningMock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What users reach for in WireMock: answers in sequence, more match keys, stubs by id, failures aimed at one stub. */
class KitConveniencesTest {
    private static final String MODEL = RunningMock.MODEL;
    private static final MantleMock mock = MantleMock.start();
    private static final AnthropicClient client = KitClients.sdk(mock, 2);

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    @BeforeEach
    void cleanState() {
        mock.reset();
    }

    private static MessageCreateParams.Builder ask(String text) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(200).addUserMessage(text);
    }

    private static String answer(MessageCreateParams params) {
        Message m = client.messages().create(params);
        return m.content().get(0).text().map(t -> t.text()).orElse(m.content().get(0).toolUse().map(t -> t.name()).orElse(""));
    }

    @Test
    void answersComeInSequenceAndTheLastIsRepeated() {
        mock.stubFor(messages().willReturn(text("one")).then(text("two")));

        assertThat(List.of(answer(ask("a").build()), answer(ask("b").build()), answer(ask("c").build())))
                .containsExactly("one", "two", "two");
    }

    @Test
    void aSequenceCanCycleOrPassThroughToAnOlderStub() {
        mock.stubFor(messages().willReturn(text("older")));
        mock.stubFor(messages().willReturn(text("first")).then(text("second")).thenPassThrough());

        assertThat(List.of(answer(ask("a").build()), answer(ask("b").build()), answer(ask("c").build())))
                .containsExactly("first", "second", "older");

        mock.reset();
        mock.stubFor(messages().willReturn(text("x")).then(text("y")).thenCycle());
        assertThat(List.of(answer(ask("a").build()), answer(ask("b").build()), answer(ask("c").build())))
                .containsExactly("x", "y", "x");
    }

    @Test
    void aSequenceMayEndInAnError() {
        mock.stubFor(messages().willReturn(text("fine")).then(error("invalid_request_error", "no more")));

        assertThat(answer(ask("a").build())).isEqualTo("fine");
        assertThatThrownBy(() -> answer(ask("b").build())).isInstanceOf(BadRequestException.class).hasMessageContaining("no more");
    }

    @Test
    void stubsMatchOnAHeaderAndOnAPlaceInTheBody() {
        mock.stubFor(messages().withBodyAtPresent("/metadata", false).willReturn(text("anyone"))); // the newest stub is tried first
        mock.stubFor(messages().withBodyAt("$.metadata.user_id", "u-7").willReturn(text("for u-7")));
        mock.stubFor(messages().withHeader("x-tenant", "acme").willReturn(text("for acme")));

        assertThat(answer(ask("hi").putAdditionalHeader("x-tenant", "acme").build())).isEqualTo("for acme");
        assertThat(answer(ask("hi").metadata(Metadata.builder().userId("u-7").build()).build())).isEqualTo("for u-7");
        assertThat(answer(ask("hi").build())).isEqualTo("anyone");
        mock.verify(1, messagesRequested().withHeaderContaining("X-Tenant", "ACM"));
        mock.verify(1, messagesRequested().withBodyAt("/metadata/user_id", "u-7"));
    }

    @Test
    void stubsMatchOnToolsOfferedToolChoiceThinkingStreamAndAPredicate() {
        mock.stubFor(messages().withTools("lookup_order", "refund").withToolChoice("any")
                .willReturn(toolUse("refund", Map.of("order_id", "A1"))));
        mock.stubFor(messages().withThinking(false).streaming(false)
                .matching(body -> body.path("max_tokens").asInt() == 123, "max_tokens 123").willReturn(text("predicate")));

        assertThat(answer(ask("refund A1").addTool(tool("lookup_order")).addTool(tool("refund"))
                .toolChoice(ToolChoiceAny.builder().build()).build())).isEqualTo("refund");
        assertThat(answer(ask("x").maxTokens(123).build())).isEqualTo("predicate");
        mock.verify(1, messagesRequested().withToolChoice("any").withTools("refund"));
        mock.verify(0, messagesRequested().withToolChoiceOfTool("refund"));
    }

    @Test
    void stubsAreListedAndOneIsRemovedById() {
        StubInfo general = mock.stubFor(messages().willReturn(text("general")));
        StubInfo specific = mock.stubFor(messages().withLastUserMessageContaining("paris").willReturn(text("paris")).named("paris"));

        assertThat(mock.stubs()).extracting(StubInfo::id).containsExactly("paris", general.id());
        assertThat(answer(ask("Paris?").build())).isEqualTo("paris");
        assertThat(mock.removeStub(specific.id())).isTrue();
        assertThat(mock.removeStub("nothing-of-that-id")).isFalse();
        assertThat(answer(ask("Paris?").build())).isEqualTo("general");
    }

    @Test
    void aFaultRuleAimedAtOneStubFailsOnlyTheRequestsThatStubAnswers() {
        mock.stubFor(messages().withLastUserMessageContaining("weather").willReturn(text("sunny")).named("weather"));
        mock.stubFor(messages().withLastUserMessageContaining("news").willReturn(text("quiet")));
        mock.stubFor(requestsAnsweredBy("weather").willFail(overloaded()).times(1));

        assertThat(answer(ask("news?").build())).isEqualTo("quiet");
        assertThat(answer(ask("weather?").build())).isEqualTo("sunny"); // one 529, retried by the SDK
        assertThat(mock.requests()).extracting(RecordedRequest::status).containsExactly(200, 529, 200);
        assertThat(mock.requests().get(1).failedBy()).isPresent();
        assertThatThrownBy(() -> mock.stubFor(requestsAnsweredBy("nope").willFail(overloaded())))
                .hasMessageContaining("no fixture of that name");
    }

    @Test
    void theAdminApiTakesTheSameKeysAndSequencesAndRemovesOneFixtureByName() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(mock.info().adminUrl() + "/fixtures"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "tenant", "match": {"headers": {"x-tenant": {"equals": "acme"}},
                                                     "body-at": {"$.max_tokens": {"equals": 200}}, "thinking": false},
                         "response": {"content": [{"type": "text", "text": "first"}]},
                         "then": [{"error": {"type": "overloaded_error", "message": "busy",
                                             "headers": {"x-should-retry": "false"}}},
                                  {"response": {"content": [{"type": "text", "text": "third"}]}}],
                         "after-last": "stop"}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        mock.stubFor(messages().willReturn(text("older")));
        MessageCreateParams acme = ask("hi").putAdditionalHeader("x-tenant", "acme").build();
        mock.stubFor(messages().withModel("none").willReturn(text("never"))); // newer, but never matching

        assertThat(answer(acme)).isEqualTo("older"); // the admin fixture was added first: the kit's newer stub wins
        assertThat(mock.removeStub(mock.stubs().get(1).id())).isTrue(); // "older" goes; the admin fixture answers now
        assertThat(answer(acme)).isEqualTo("first");
        assertThatThrownBy(() -> answer(acme)).hasMessageContaining("busy"); // x-should-retry false: the SDK does not retry
        assertThat(answer(acme)).isEqualTo("third");
        assertThat(answer(acme)).isNotEqualTo("third"); // after the last it stops matching: the generator answers

        HttpResponse<String> removed = http.send(HttpRequest.newBuilder(URI.create(mock.info().adminUrl() + "/fixtures/tenant"))
                .header("content-type", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(mock.info().adminUrl() + "/fixtures/tenant"))
                .header("content-type", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("There is no added fixture 'tenant'");
    }

    private static Tool tool(String name) {
        return Tool.builder().name(name).inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of("order_id", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("order_id"))).build()).build();
    }
}
