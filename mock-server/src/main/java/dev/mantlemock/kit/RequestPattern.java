package dev.mantlemock.kit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.Json;
import dev.mantlemock.fixtures.BodyAt;
import dev.mantlemock.fixtures.FixtureMatch;
import dev.mantlemock.fixtures.TextMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

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

    /** A request header (name in any case) has exactly this value. */
    public RequestPattern withHeader(String name, String value) {
        return header(name, TextMatch.equalTo(value));
    }

    /** A request header contains this text, ignoring case. */
    public RequestPattern withHeaderContaining(String name, String text) {
        return header(name, TextMatch.containing(text));
    }

    /** A request header has a match for this regular expression. */
    public RequestPattern withHeaderMatching(String name, String regex) {
        return header(name, TextMatch.regex(regex));
    }

    /**
     * The body's value at a JSON pointer ({@code /metadata/user_id}) or a simple JSON path
     * ({@code $.metadata.user_id}, {@code $.tools[0].name}) equals this value (a string, number, boolean,
     * map or list, compared as JSON).
     */
    public RequestPattern withBodyAt(String pointerOrPath, Object value) {
        return bodyAt(pointerOrPath, BodyAt.equalTo(Json.MAPPER.valueToTree(value)), "= " + Json.MAPPER.valueToTree(value));
    }

    /** The body's value there (as text) contains this, ignoring case. */
    public RequestPattern withBodyAtContaining(String pointerOrPath, String text) {
        return bodyAt(pointerOrPath, BodyAt.containing(text), "containing '" + text + "'");
    }

    /** The body has (or has not) a value there. */
    public RequestPattern withBodyAtPresent(String pointerOrPath, boolean present) {
        return bodyAt(pointerOrPath, BodyAt.present(present), present ? "present" : "absent");
    }

    /** Tools of all these names are offered (others may be too). */
    public RequestPattern withTools(String... names) {
        match.tools = List.of(names);
        return note("tools " + String.join(", ", names) + " offered");
    }

    /** {@code tool_choice.type} is this ({@code auto}, {@code any}, {@code tool}, {@code none}); absent counts as {@code auto}. */
    public RequestPattern withToolChoice(String type) {
        match.toolChoice = Json.NODES.textNode(type);
        return note("tool_choice " + type);
    }

    /** {@code tool_choice} forces this tool: {@code {"type":"tool","name":name}}. */
    public RequestPattern withToolChoiceOfTool(String name) {
        match.toolChoice = Json.object().put("type", "tool").put("name", name);
        return note("tool_choice tool " + name);
    }

    /** Extended thinking is on ({@code enabled} or {@code adaptive}) or off. */
    public RequestPattern withThinking(boolean on) {
        match.thinking = Json.NODES.booleanNode(on);
        return note(on ? "thinking on" : "thinking off");
    }

    /** Any condition in code on the body (the kit's relocated Jackson {@code JsonNode} of the request as sent). */
    public RequestPattern matching(Predicate<JsonNode> condition, String description) {
        match.where(condition, description);
        return note(description);
    }

    /** Answer the requests this pattern matches: a stub for {@link MantleMock#stubFor}. */
    public Stub.Answer willReturn(Reply reply) {
        return new Stub.Answer(this, reply);
    }

    /** Fail them with a fault (a fault rule): a stub for {@link MantleMock#stubFor}. */
    public Stub.Failure willFail(Fault fault) {
        return new Stub.Failure(this, fault);
    }

    boolean matches(RecordedRequest r) {
        return r.request().map(m -> match.matches(m, name -> r.header(name).orElse(null))).orElse(false);
    }

    /** The conditions the request does not meet, each with what it wants and what the request has. */
    List<FixtureMatch.Miss> misses(RecordedRequest r) {
        return r.request().map(m -> match.misses(m, name -> r.header(name).orElse(null))).orElse(List.of());
    }

    private RequestPattern header(String name, TextMatch condition) {
        if (match.headers == null) {
            match.headers = new LinkedHashMap<>();
        }
        match.headers.put(name.toLowerCase(Locale.ROOT), condition);
        return note("header " + name + " " + condition);
    }

    private RequestPattern bodyAt(String pointerOrPath, BodyAt condition, String said) {
        if (match.bodyAt == null) {
            match.bodyAt = new LinkedHashMap<>();
        }
        match.bodyAt.put(pointerOrPath, condition);
        return note("body at " + pointerOrPath + " " + said);
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
