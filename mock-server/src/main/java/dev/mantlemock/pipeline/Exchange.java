package dev.mantlemock.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.Completion;
import dev.mantlemock.domain.ApiVersion;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.ContextEdits;
import dev.mantlemock.domain.InputTransformations;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.domain.Principal;
import dev.mantlemock.domain.StreamPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One request on its way through the pipeline: what was received, and the {@link Slot}s the stages
 * filled in. A stage reads only the slots it declared in its {@link Needs} (the pipeline checked at
 * assembly that an earlier stage provides them), so the accessors never return null to a stage.
 * Observers, which see exchanges that ended at any stage, ask with {@link #peek}. Not thread-safe: a
 * request is handled by one thread at a time.
 */
public final class Exchange {
    private final String requestId;
    private final Endpoint endpoint;
    private final HttpRequestView request;
    private final Instant receivedAt;
    private final long startNanos;
    private final String testId;
    private final String scenario;

    private final Object[] slots = new Object[Slot.ALL.size()];
    private String stage;
    private Needs needs;
    private final List<Consumer<Completion>> completionListeners = new ArrayList<>(4);
    private Map<String, String> responseHeaders = Map.of();
    private int waits; // touched by one thread at a time; the hand-over to a worker orders it

    /** The header naming a fixture scenario. */
    public static final String SCENARIO_HEADER = "x-mock-scenario";

    public Exchange(String requestId, Endpoint endpoint, HttpRequestView request, Instant receivedAt, long startNanos) {
        this.requestId = requestId;
        this.endpoint = endpoint;
        this.request = request;
        this.receivedAt = receivedAt;
        this.startNanos = startNanos;
        this.testId = request.header("x-mock-test-id");
        this.scenario = request.header(SCENARIO_HEADER);
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

    public Principal principal() { return get(Slot.PRINCIPAL); }
    public void principal(Principal principal) { put(Slot.PRINCIPAL, principal); }

    public ApiVersion apiVersion() { return get(Slot.API_VERSION); }
    public void apiVersion(ApiVersion apiVersion) { put(Slot.API_VERSION, apiVersion); }

    /** The {@code anthropic-beta} values, lower-cased. */
    public Set<String> betas() { return get(Slot.BETAS); }
    public void betas(Set<String> betas) { put(Slot.BETAS, betas); }

    public ObjectNode body() { return get(Slot.BODY); }
    public void body(ObjectNode body) { put(Slot.BODY, body); }

    public MessageRequest message() { return get(Slot.MESSAGE); }
    public void message(MessageRequest message) { put(Slot.MESSAGE, message); }

    public ModelSpec model() { return get(Slot.MODEL); }
    public void model(ModelSpec model) { put(Slot.MODEL, model); }

    public InputTokens inputTokens() { return get(Slot.INPUT_TOKENS); }
    public void inputTokens(InputTokens inputTokens) { put(Slot.INPUT_TOKENS, inputTokens); }

    public Answer answer() { return get(Slot.ANSWER); }
    public String answerOrigin() { return get(Slot.ANSWER_ORIGIN); }
    public void answerOrigin(String origin) { put(Slot.ANSWER_ORIGIN, origin); }
    public void answer(Answer answer) { put(Slot.ANSWER, answer); }

    /** How a stream is paced and whether it is interrupted. */
    public StreamPlan streamPlan() { return get(Slot.STREAM_PLAN); }
    public void streamPlan(StreamPlan streamPlan) { put(Slot.STREAM_PLAN, streamPlan); }

    public ContextEdits contextEdits() { return get(Slot.CONTEXT_EDITS); }
    public void contextEdits(ContextEdits edits) { put(Slot.CONTEXT_EDITS, edits); }

    public InputTransformations inputTransformations() { return get(Slot.INPUT_TRANSFORMATIONS); }
    public void inputTransformations(InputTransformations t) { put(Slot.INPUT_TRANSFORMATIONS, t); }

    /** Ends the request path: the relay answers instead of the mock's encoder. */
    public void relay(Relay relay) { put(Slot.RELAY, relay); }

    /** Which fixture answered, for the journal (observers {@link #peek} it). */
    public void fixture(String name) { put(Slot.FIXTURE, name); }

    /** Which fault rule fired, for the journal. */
    public void faultRule(String id) { put(Slot.FAULT_RULE, id); }

    public OutputTokenMeter outputMeter() { return get(Slot.OUTPUT_METER); }
    public void outputMeter(OutputTokenMeter outputMeter) { put(Slot.OUTPUT_METER, outputMeter); }

    /** A slot's value, or null when no stage got as far as providing it: for observers and error paths. */
    @SuppressWarnings("unchecked")
    public <T> T peek(Slot<T> slot) {
        return (T) slots[slot.index];
    }

    /** Extra headers for a successful answer (e.g. {@code anthropic-ratelimit-*}); request-id is always sent. */
    public Map<String, String> responseHeaders() { return responseHeaders; }

    public void responseHeader(String name, String value) {
        if (responseHeaders.isEmpty()) {
            responseHeaders = new LinkedHashMap<>();
        }
        responseHeaders.put(name, value);
    }

    /** How many times a stage asked this exchange to wait ({@link StageWait}): 0 for one that never waited. */
    public int waits() { return waits; }

    void waited() { waits++; }

    /** Run when the response is finished, whatever its outcome (quota settlement, journal, metrics). */
    public void onComplete(Consumer<Completion> listener) { completionListeners.add(listener); }

    List<Consumer<Completion>> completionListeners() { return completionListeners; }

    /** The pipeline names the step that runs now; null when none does (observers, tests). */
    void enter(String name, Needs declared) {
        this.stage = name;
        this.needs = declared;
    }

    private <T> T get(Slot<T> slot) {
        if (needs != null && !needs.mayRead(slot)) {
            throw new IllegalStateException(stage + " reads the " + slot + " without declaring it in its needs");
        }
        T value = peek(slot);
        if (value == null) {
            throw new IllegalStateException((stage == null ? "a reader" : stage) + " reads the " + slot + " before any stage provided it");
        }
        return value;
    }

    private <T> void put(Slot<T> slot, T value) {
        if (needs != null && !needs.mayProvide(slot)) {
            throw new IllegalStateException(stage + " provides the " + slot + " without declaring it in its needs");
        }
        slots[slot.index] = value;
    }
}
