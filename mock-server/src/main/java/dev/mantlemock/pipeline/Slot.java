package dev.mantlemock.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.ApiVersion;
import dev.mantlemock.domain.ContextEdits;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.InputTransformations;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.domain.Principal;
import dev.mantlemock.domain.StreamPlan;
import java.util.List;
import java.util.Set;

/**
 * One thing a stage decides about an exchange and later stages read. Each stage declares the slots it
 * reads and provides ({@link Needs}); the pipeline checks the order once, when it is assembled, so a
 * stage never has to guard against a slot an earlier stage has not filled yet.
 */
public final class Slot<T> {
    public static final Slot<Principal> PRINCIPAL = new Slot<>(0, "principal");
    public static final Slot<ApiVersion> API_VERSION = new Slot<>(1, "API version");
    /** The {@code anthropic-beta} values, lower-cased. */
    public static final Slot<Set<String>> BETAS = new Slot<>(2, "betas");
    public static final Slot<ObjectNode> BODY = new Slot<>(3, "JSON body");
    /** The validated request. */
    public static final Slot<MessageRequest> MESSAGE = new Slot<>(4, "validated request");
    public static final Slot<ModelSpec> MODEL = new Slot<>(5, "model");
    public static final Slot<InputTokens> INPUT_TOKENS = new Slot<>(6, "input tokens");
    /** Told of output tokens as they are produced: the quota's settlement, or unlimited. */
    public static final Slot<OutputTokenMeter> OUTPUT_METER = new Slot<>(7, "output meter");
    /** How a stream is paced and whether it is cut short. */
    public static final Slot<StreamPlan> STREAM_PLAN = new Slot<>(8, "stream plan");
    /** What the model says (Messages only; count_tokens has no answer). */
    public static final Slot<Answer> ANSWER = new Slot<>(9, "answer");
    /** What {@code context_management} edits cleared, reported in the response. */
    public static final Slot<ContextEdits> CONTEXT_EDITS = new Slot<>(10, "context edits");

    /** What a binding check removed from the request, reported in the response ({@code input_transformations}). */
    public static final Slot<InputTransformations> INPUT_TRANSFORMATIONS = new Slot<>(13, "input transformations");

    /** An answer relayed from the upstream (record, compare): once provided, no later stage runs. */
    public static final Slot<Relay> RELAY = new Slot<>(11, "relay");
    /** Who made the answer ("fixture 'x' (file.json)", "the generator"): what a broken rule's error names. */
    public static final Slot<String> ANSWER_ORIGIN = new Slot<>(12, "answer origin");

    /** The name of the fixture (a test kit's stub) that answered; unset when none did. Read by the journal. */
    public static final Slot<String> FIXTURE = new Slot<>(14, "fixture");
    /** The id of the fault rule that fired; unset when none did. Read by the journal. */
    public static final Slot<String> FAULT_RULE = new Slot<>(15, "fault rule");

    static final List<Slot<?>> ALL = List.of(PRINCIPAL, API_VERSION, BETAS, BODY, MESSAGE, MODEL, INPUT_TOKENS,
            OUTPUT_METER, STREAM_PLAN, ANSWER, CONTEXT_EDITS, RELAY, ANSWER_ORIGIN, INPUT_TRANSFORMATIONS, FIXTURE, FAULT_RULE);

    final int index;
    private final String name;

    private Slot(int index, String name) {
        this.index = index;
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
