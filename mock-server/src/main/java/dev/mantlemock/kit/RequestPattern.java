package dev.mantlemock.kit;

import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.fixtures.FixtureMatch;
import dev.mantlemock.fixtures.TextMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Which Messages requests a stub answers or a verification counts: a {@link FixtureMatch}, the very
 * condition a fixture file's {@code match} writes, built in code. Every condition given must hold.
 */
public final class RequestPattern {
    private final FixtureMatch match = new FixtureMatch();
    /** The conditions given, in the words of the DSL, for messages and for the fault-rule check. */
    private final List<String> conditions = new ArrayList<>();

    RequestPattern() {}

    /** An exact model id, or a prefix ending in {@code *}. */
    public RequestPattern withModel(String model) {
        match.model = model;
        return note("model " + model);
    }

    /** The last user message's text (tool results included) contains this, ignoring case. */
    public RequestPattern withLastUserMessageContaining(String text) {
        match.lastMessage = TextMatch.containing(text);
        return note("last user message containing '" + text + "'");
    }

    /** The last user message's text has a match for this regular expression. */
    public RequestPattern withLastUserMessageMatching(String regex) {
        match.lastMessage = TextMatch.regex(regex);
        return note("last user message matching /" + regex + "/");
    }

    public RequestPattern withSystemContaining(String text) {
        match.system = TextMatch.containing(text);
        return note("system containing '" + text + "'");
    }

    public RequestPattern withAnyMessageContaining(String text) {
        match.anyMessage = TextMatch.containing(text);
        return note("a message containing '" + text + "'");
    }

    /** A tool of this name is offered. */
    public RequestPattern withTool(String name) {
        match.tool = name;
        return note("tool " + name + " offered");
    }

    /** The last user turn hands back a tool_result for a call of this tool. */
    public RequestPattern withToolResultFor(String tool) {
        match.toolResultFor = tool;
        return note("a tool_result for " + tool);
    }

    /** The conversation has this many user messages (1 for the first request). */
    public RequestPattern withTurn(int turn) {
        match.turn = turn;
        return note("turn " + turn);
    }

    /** The request's {@code x-mock-scenario} header. */
    public RequestPattern withScenario(String scenario) {
        match.scenario = scenario;
        return note("scenario " + scenario);
    }

    public RequestPattern streaming(boolean stream) {
        match.stream = stream;
        return note(stream ? "streaming" : "not streaming");
    }

    /** Answer the requests this pattern matches: a stub for {@link MantleMock#stubFor}. */
    public Stub willReturn(Reply reply) {
        return new Stub.Answer(this, reply);
    }

    /** Fail them with a fault (a fault rule): a stub for {@link MantleMock#stubFor}. */
    public Stub.Failure willFail(Fault fault) {
        return new Stub.Failure(this, fault);
    }

    boolean matches(MessageRequest request, String scenario) {
        return match.matches(request, scenario);
    }

    FixtureMatch fixtureMatch() {
        return match;
    }

    String model() {
        return match.model;
    }

    /** Conditions a fault rule cannot hold (it matches model and endpoint only). */
    List<String> beyondModel() {
        return conditions.stream().filter(c -> !c.startsWith("model ")).toList();
    }

    private RequestPattern note(String condition) {
        conditions.add(condition);
        return this;
    }

    @Override
    public String toString() {
        return conditions.isEmpty() ? "any Messages request" : "Messages requests with " + String.join(", ", conditions);
    }
}
