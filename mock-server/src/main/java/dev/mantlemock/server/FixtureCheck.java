package dev.mantlemock.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.answer.AnswerConformance;
import dev.mantlemock.answer.FixtureAnswers;
import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.domain.Json;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.fixtures.Fixture;
import dev.mantlemock.fixtures.FixtureCatalogue;
import dev.mantlemock.policy.ModelCatalogue;
import dev.mantlemock.tokens.TokenEstimator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar mock-server.jar --check-fixtures DIR}: lists every fixture that cannot be read, that
 * cannot match any request (contradictory conditions, or an earlier fixture that matches whenever it
 * does), or whose answer breaks a rule of {@link AnswerConformance} for the requests it matches. A
 * recording is checked against the very request it recorded; any other fixture against the plainest
 * request its match allows (its tool offered with any input, no thinking, the model's whole output limit).
 * Exit status 0 when every fixture is sound, 1 when any is not, 2 when the directory cannot be read.
 */
public final class FixtureCheck {
    private static final ObjectMapper MATCHES = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    private static final TokenEstimator ESTIMATOR = new TokenEstimator();

    private final ModelCatalogue catalogue = ModelCatalogue.load(List.of(), true);
    private final FixtureAnswers answers = new FixtureAnswers(ESTIMATOR);
    private final AnswerConformance rules = new AnswerConformance(ESTIMATOR);

    /** Checks the directory, writes the report, and returns the exit status. */
    public static int run(Path dir, PrintStream out) {
        List<String> problems;
        int checked = 0;
        try {
            List<FixtureCatalogue.FileFixtures> files = FixtureCatalogue.readEach(dir);
            FixtureCheck check = new FixtureCheck();
            problems = new ArrayList<>();
            List<Fixture> earlier = new ArrayList<>();
            for (FixtureCatalogue.FileFixtures file : files) {
                if (file.problem() != null) {
                    problems.add(file.problem());
                    continue;
                }
                for (Fixture f : file.fixtures()) {
                    checked++;
                    String problem = check.problem(f, earlier);
                    if (problem != null) {
                        problems.add(f.origin() + ": " + problem);
                    }
                    earlier.add(f);
                }
            }
        } catch (ConfigException e) {
            out.println("mock-server: " + e.getMessage());
            return 2;
        }
        problems.forEach(p -> out.println("BAD " + p));
        out.println(checked + " fixtures checked in " + dir + ": " + (problems.isEmpty() ? "all sound"
                : problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " (docs/fixtures.md#checking-fixtures)"));
        return problems.isEmpty() ? 0 : 1;
    }

    /** The first problem of one fixture, given those before it in load order; null when it is sound. */
    String problem(Fixture f, List<Fixture> earlier) {
        String contradiction = f.match.contradiction();
        if (contradiction != null) {
            return "it cannot match any request: " + contradiction;
        }
        for (Fixture e : earlier) {
            if (shadows(e, f)) {
                return "it cannot match any request: the earlier fixture '" + e.name + "' matches whenever it does";
            }
        }
        if (f.response == null || f.match.answersCountTokens()) {
            return null; // a scripted error, or a count: no content to hold to the rules
        }
        for (JsonNode block : f.response.content) {
            String called = block.path("type").asText().equals("tool_use") ? block.path("name").asText() : null;
            if (called != null && f.match.matchedBody() == null && !called.equals(f.match.tool)) {
                return "its answer calls the tool '" + called + "', but its match does not require that tool (add \"tool\": \""
                        + called + "\"), so a request without it would get a mock error";
            }
        }
        MessageRequest request = request(f);
        ModelSpec model = catalogue.find(request.model()).orElseGet(() -> catalogue.find(catalogue.ids().get(0)).orElseThrow());
        String broken = rules.hold(answers.answer(f, request, model), request, model).problem();
        return broken == null ? null : "its answer breaks a rule for the requests it matches: " + broken;
    }

    /** Whether {@code first} matches every request {@code later} does: each condition it sets, {@code later} sets the same. */
    private static boolean shadows(Fixture first, Fixture later) {
        JsonNode a = MATCHES.valueToTree(first.match);
        JsonNode b = MATCHES.valueToTree(later.match);
        if (first.match.answersCountTokens() != later.match.answersCountTokens()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> condition = it.next();
            if (!condition.getValue().equals(b.get(condition.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The request a recording recorded, or the plainest one the match allows. */
    private MessageRequest request(Fixture f) {
        if (f.match.body != null && f.match.body.isObject()) {
            return new MessageRequest((ObjectNode) f.match.body);
        }
        String modelId = f.match.model != null && !f.match.model.endsWith("*") ? f.match.model : catalogue.ids().get(0);
        int maxTokens = catalogue.find(modelId).map(ModelSpec::maxOutputTokens).orElse(64_000);
        ObjectNode body = Json.object().put("model", modelId).put("max_tokens", maxTokens);
        if (f.match.tool != null) {
            body.putArray("tools").addObject().put("name", f.match.tool).putObject("input_schema").put("type", "object");
        }
        body.putArray("messages").addObject().put("role", "user").put("content", "A request this fixture matches.");
        return new MessageRequest(body);
    }
}
