package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.Sse;
import java.io.DataInputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bytes on the wire: headers, SSE event order and shapes, the error envelope. */
class WireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();


    private static final String TOOL_STREAM = """
            {"model":"anthropic.claude-haiku-4-5","max_tokens":3000,"stream":true,
             "thinking":{"type":"enabled","budget_tokens":1024},
             "tools":[{"name":"lookup","input_schema":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}}],
             "messages":[{"role":"user","content":"Look something up"}]}""";

    @Test
    void aStreamIsServedAsEventStreamWithARequestId() {
        HttpResponse<String> r = mock.postMessages(TOOL_STREAM);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(r.headers().firstValue("request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
        assertThat(r.headers().firstValue("content-encoding")).isEmpty();
    }

    @Test
    void eachEventTravelsInAChunkOfItsOwn() throws Exception {
        // Clients may read events as they come: one flush (and HTTP chunk) per event, never a chunk per byte.
        byte[] body = TOOL_STREAM.replace("\n", "").getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", mock.server().port())) {
            s.getOutputStream().write(("POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\n"
                    + "anthropic-version: 2023-06-01\r\ncontent-type: application/json\r\n"
                    + "content-length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            DataInputStream in = new DataInputStream(s.getInputStream());
            while (!line(in).isEmpty()) {
                // the status line and headers
            }
            List<String> chunks = new ArrayList<>();
            for (int size; (size = Integer.parseInt(line(in), 16)) > 0; ) {
                byte[] chunk = new byte[size];
                in.readFully(chunk);
                line(in);
                chunks.add(new String(chunk, StandardCharsets.UTF_8));
            }
            assertThat(chunks).hasSizeGreaterThan(8).allSatisfy(chunk -> {
                assertThat(chunk).startsWith("event: ").endsWith("\n\n");
                assertThat(chunk.split("\n\n")).hasSize(1);
            });
        }
    }

    private static String line(DataInputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new java.io.EOFException("the response ended mid-line");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void streamEventsComeInTheDocumentedOrderWithTypesEqualToTheirNames() {
        List<Sse.Event> events = Sse.parse(mock.postMessages(TOOL_STREAM).body());

        events.forEach(e -> assertThat(e.data().get("type").asText()).isEqualTo(e.name()));
        List<String> names = Sse.names(events).stream().filter(n -> !n.equals("ping")).toList();
        assertThat(names.get(0)).isEqualTo("message_start");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("message_delta", "message_stop");
        assertThat(Sse.names(events)).contains("ping");

        // blocks open, receive deltas and close in index order, one at a time
        int open = -1;
        int nextIndex = 0;
        for (Sse.Event e : events) {
            switch (e.name()) {
                case "content_block_start" -> {
                    assertThat(open).as("a block is still open").isEqualTo(-1);
                    assertThat(e.data().get("index").asInt()).isEqualTo(nextIndex);
                    open = nextIndex++;
                }
                case "content_block_delta" -> assertThat(e.data().get("index").asInt()).isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(e.data().get("index").asInt()).isEqualTo(open);
                    open = -1;
                }
                default -> { }
            }
        }
        assertThat(nextIndex).isGreaterThanOrEqualTo(2);
    }

    @Test
    void thinkingStreamsDeltasThenOneSignatureBeforeItsStop() {
        List<Sse.Event> block0 = blockEvents(Sse.parse(mock.postMessages(TOOL_STREAM).body()), 0);

        assertThat(block0.get(0).data().at("/content_block/type").asText()).isEqualTo("thinking");
        List<String> deltaTypes = block0.stream().filter(e -> e.name().equals("content_block_delta"))
                .map(e -> e.data().at("/delta/type").asText()).toList();
        assertThat(deltaTypes).last().isEqualTo("signature_delta");
        assertThat(deltaTypes.subList(0, deltaTypes.size() - 1)).isNotEmpty().containsOnly("thinking_delta");
    }

    @Test
    void everyToolBlockGetsAtLeastOneInputJsonDeltaThatParsesToItsInput() throws Exception {
        List<Sse.Event> events = Sse.parse(mock.postMessages(TOOL_STREAM).body());
        int toolIndex = events.stream().filter(e -> e.name().equals("content_block_start")
                        && e.data().at("/content_block/type").asText().equals("tool_use"))
                .findFirst().orElseThrow().data().get("index").asInt();

        StringBuilder json = new StringBuilder();
        List<Sse.Event> tool = blockEvents(events, toolIndex);
        tool.stream().filter(e -> e.name().equals("content_block_delta")).forEach(e -> {
            assertThat(e.data().at("/delta/type").asText()).isEqualTo("input_json_delta");
            json.append(e.data().at("/delta/partial_json").asText());
        });
        assertThat(JSON.readTree(json.toString()).get("q").isTextual()).isTrue();
    }

    @Test
    void messageStartCarriesAnEmptyMessageAndMessageDeltaTheCumulativeUsage() {
        List<Sse.Event> events = Sse.parse(mock.postMessages(TOOL_STREAM).body());
        JsonNode start = events.get(0).data().get("message");
        JsonNode delta = events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow().data();

        assertThat(start.get("content").size()).isZero();
        assertThat(start.get("stop_reason").isNull()).isTrue();
        assertThat(start.get("id").asText()).startsWith("msg_");
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(delta.at("/usage/output_tokens").asInt()).isGreaterThan(start.at("/usage/output_tokens").asInt());
        assertThat(delta.at("/usage/input_tokens").asInt()).isEqualTo(start.at("/usage/input_tokens").asInt());
    }

    @Test
    void streamingIsChosenByTheBodyNotByTheAcceptHeader() {
        HttpResponse<String> r = mock.postMessages(TOOL_STREAM, "accept", "application/json");

        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    }

    @Test
    void aJsonAnswerHasTheMessageShape() throws Exception {
        HttpResponse<String> r = mock.postMessages("""
                {"model":"anthropic.claude-haiku-4-5","max_tokens":50,"messages":[{"role":"user","content":"Hi"}]}""");
        JsonNode m = JSON.readTree(r.body());

        assertThat(r.headers().firstValue("content-type")).contains("application/json");
        assertThat(m.get("type").asText()).isEqualTo("message");
        assertThat(m.get("role").asText()).isEqualTo("assistant");
        assertThat(m.has("stop_sequence")).isTrue();
        assertThat(m.at("/usage/cache_creation/ephemeral_5m_input_tokens").isInt()).isTrue();
        assertThat(m.at("/usage/cache_read_input_tokens").isInt()).isTrue();
    }

    @Test
    void errorsUseExactlyTheAnthropicEnvelope() throws Exception {
        HttpResponse<String> r = mock.postMessages("{\"model\":\"anthropic.claude-haiku-4-5\",\"messages\":[]}");
        JsonNode e = JSON.readTree(r.body());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(iterator(e.fieldNames())).containsExactly("type", "error", "request_id");
        assertThat(iterator(e.get("error").fieldNames())).containsExactly("type", "message");
        assertThat(e.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(e.at("/error/message").asText()).isEqualTo("max_tokens: Field required");
        assertThat(e.get("request_id").asText()).isEqualTo(r.headers().firstValue("request-id").orElseThrow());
        assertThat(r.headers().firstValue("x-should-retry")).contains("false");
    }

    @Test
    void olderSdksBetaQueryIsAccepted() {
        HttpResponse<String> r = mock.post("/v1/messages?beta=true",
                "{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "content-type", "application/json", "anthropic-version", "2023-06-01", "x-api-key", "k",
                "anthropic-beta", "prompt-caching-2024-07-31");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void endpointsMantleDoesNotOfferAreNotFound() {
        for (String path : List.of("/v1/models", "/v1/messages/batches", "/v1/files", "/v1/users", "/v1/skills", "/v1/agents")) {
            HttpResponse<String> r = mock.post(path, "{}", "anthropic-version", "2023-06-01");
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("not_found_error").contains("not available on Claude in Amazon Bedrock");
            assertThat(r.headers().firstValue("request-id")).as(path).isPresent();
        }
        assertThat(mock.get("/anthropic/v1/models").statusCode()).isEqualTo(404);
    }

    @Test
    void aBaseUrlWithoutTheAnthropicPrefixIsToldTheFullPathAndTheBaseUrlToUse() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        String origin = mock.baseUrl().replace("/anthropic", "");
        var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin + "/v1/messages"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("not_found_error")
                .contains("POST /v1/messages is not available: the Messages API is served under /anthropic")
                .contains("Set the base URL to " + mock.baseUrl())
                .contains("POST /anthropic/v1/messages")
                .doesNotContain("Supported endpoints: POST /v1/messages");
        assertThat(r.headers().firstValue("request-id")).isPresent();
    }

    @Test
    void aBaseUrlEndingInV1IsToldToDropTheV1() {
        for (String endpoint : List.of("/v1/messages", "/v1/messages/count_tokens")) {
            HttpResponse<String> r = mock.post("/v1" + endpoint, "{}", "anthropic-version", "2023-06-01");
            assertThat(r.statusCode()).as(endpoint).isEqualTo(404);
            assertThat(r.body()).as(endpoint).contains("not_found_error")
                    .contains("POST /anthropic/v1" + endpoint + " is not available: the base URL has /v1 after /anthropic")
                    .contains("Set the base URL to " + mock.baseUrl() + " (drop the /v1)")
                    .contains("this request goes to POST /anthropic" + endpoint + ".");
            assertThat(r.headers().firstValue("request-id")).as(endpoint).isPresent();
        }
    }

    @Test
    void aBaseUrlWithAnotherPrefixIsToldToUseAnthropic() {
        HttpResponse<String> r = mock.get("/api/v1/messages");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("GET /api/v1/messages is not available: the Messages API is served under /anthropic")
                .contains("Set the base URL to " + mock.baseUrl());
    }

    @Test
    void theRootAndTheBaseUrlPointABrowserToTheDashboardAndAClientToTheMessagesApi() {
        String origin = mock.baseUrl().replace("/anthropic", "");
        for (String path : List.of("/", "/anthropic", "/anthropic/", "/anthropic/v1")) {
            HttpResponse<String> r = mock.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("not_found_error").contains("GET " + path + " is not an endpoint")
                    .contains("POST " + mock.baseUrl() + "/v1/messages")
                    .contains("the mock's dashboard is at " + origin + "/_mock/ui");
            assertThat(r.headers().firstValue("request-id")).as(path).isPresent();
        }
        assertThat(mock.get("/_mock/ui").statusCode()).as("the page the pointer names").isEqualTo(200);
    }

    @Test
    void anOverloadedAnswerCarriesItsReasonPhraseInTheStatusLine() {
        String request = new String(dev.mantlemock.testing.RawRequest.messages(
                "{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "x-mock-fault", "overloaded", "connection", "close"), StandardCharsets.UTF_8);

        String answer = dev.mantlemock.testing.RawRequest.exchange(mock.server().port(), request);

        assertThat(answer).startsWith("HTTP/1.1 529 Overloaded\r\n").contains("overloaded_error");
    }

    @Test
    void anUnavailableEndpointNamesTheFullPathsThatAreServed() {
        HttpResponse<String> r = mock.post("/v1/models", "{}", "anthropic-version", "2023-06-01");
        assertThat(r.body()).contains("POST /anthropic/v1/models is not available on Claude in Amazon Bedrock")
                .contains("Supported endpoints: POST /anthropic/v1/messages and POST /anthropic/v1/messages/count_tokens.");
    }

    @Test
    void anUnknownAdminRouteIsNamedAsSuch() {
        HttpResponse<String> r = mock.get("/_mock/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("GET /_mock/nope is not an admin route");
    }

    @Test
    void healthAnswers200WithARequestId() {
        HttpResponse<String> r = mock.get("/_mock/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("request-id")).isPresent();
    }

    private static List<Sse.Event> blockEvents(List<Sse.Event> events, int index) {
        List<Sse.Event> out = new ArrayList<>();
        for (Sse.Event e : events) {
            if (e.data().has("index") && e.data().get("index").asInt() == index) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> iterator(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
