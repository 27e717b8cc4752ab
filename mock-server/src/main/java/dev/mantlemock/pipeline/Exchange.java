package dev.mantlemock.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.answer.Answer;
import dev.mantlemock.answer.InputTokens;
import dev.mantlemock.api.ApiVersion;
import dev.mantlemock.api.HttpRequestView;
import dev.mantlemock.api.MessageRequest;
import dev.mantlemock.auth.Principal;
import dev.mantlemock.policy.ModelSpec;
import dev.mantlemock.wire.StreamPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One request on its way through the pipeline: what was received, and what each stage decided.
 * Stages fill it in order; later stages read what earlier ones wrote. Not thread-safe: a request is
 * handled by one thread at a time.
 */
public final class Exchange {
    private final String requestId;
    private final Endpoint endpoint;
    private final HttpRequestView request;
    private final Instant receivedAt;
    private final long startNanos;
    private final String testId;
    private final String scenario;

    private Principal principal = Principal.anonymous();
    private ApiVersion apiVersion;
    private Set<String> betas = Set.of();
    private ObjectNode body;
    private MessageRequest message;
    private ModelSpec model;
    private InputTokens inputTokens;
    private Answer answer;
    private StreamPlan streamPlan;
    private OutputTokenMeter outputMeter = OutputTokenMeter.UNLIMITED;
    private final List<Consumer<Completion>> completionListeners = new ArrayList<>(4);
    private Map<String, String> responseHeaders = Map.of();

    public Exchange(String requestId, Endpoint endpoint, HttpRequestView request, Instant receivedAt, long startNanos) {
        this.requestId = requestId;
        this.endpoint = endpoint;
        this.request = request;
        this.receivedAt = receivedAt;
        this.startNanos = startNanos;
        this.testId = request.header("x-mock-test-id");
        this.scenario = request.header("x-mock-scenario");
    }

    public String requestId() { return requestId; }
    public Endpoint endpoint() { return endpoint; }
    public HttpRequestView request() { return request; }
    public Instant receivedAt() { return receivedAt; }
    public long startNanos() { return startNanos; }
    /** The {@code x-mock-test-id} header: scopes fault rules and the journal to one test. */
    public String testId() { return testId; }
    /** The {@code x-mock-scenario} header, matched by fixtures. */
    public String scenario() { return scenario; }

    public Principal principal() { return principal; }
    public void principal(Principal principal) { this.principal = principal; }

    public ApiVersion apiVersion() { return apiVersion; }
    public void apiVersion(ApiVersion apiVersion) { this.apiVersion = apiVersion; }

    /** The {@code anthropic-beta} values, lower-cased. */
    public Set<String> betas() { return betas; }
    public void betas(Set<String> betas) { this.betas = betas; }

    public ObjectNode body() { return body; }
    public void body(ObjectNode body) { this.body = body; }

    public MessageRequest message() { return message; }
    public void message(MessageRequest message) { this.message = message; }

    public ModelSpec model() { return model; }
    public void model(ModelSpec model) { this.model = model; }

    public InputTokens inputTokens() { return inputTokens; }
    public void inputTokens(InputTokens inputTokens) { this.inputTokens = inputTokens; }

    public Answer answer() { return answer; }
    public void answer(Answer answer) { this.answer = answer; }

    /** How a stream is paced and whether it is interrupted; null means the configured default. */
    public StreamPlan streamPlan() { return streamPlan; }
    public void streamPlan(StreamPlan streamPlan) { this.streamPlan = streamPlan; }

    public OutputTokenMeter outputMeter() { return outputMeter; }
    public void outputMeter(OutputTokenMeter outputMeter) { this.outputMeter = outputMeter; }

    /** Extra headers for a successful answer (e.g. {@code anthropic-ratelimit-*}); request-id is always sent. */
    public Map<String, String> responseHeaders() { return responseHeaders; }

    public void responseHeader(String name, String value) {
        if (responseHeaders.isEmpty()) {
            responseHeaders = new LinkedHashMap<>();
        }
        responseHeaders.put(name, value);
    }

    /** Run when the response is finished, whatever its outcome (quota settlement, journal, metrics). */
    public void onComplete(Consumer<Completion> listener) { completionListeners.add(listener); }

    List<Consumer<Completion>> completionListeners() { return completionListeners; }
}
