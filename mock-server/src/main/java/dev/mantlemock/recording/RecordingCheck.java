package dev.mantlemock.recording;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.fixtures.Fixture;
import dev.mantlemock.fixtures.FixtureCatalogue;
import dev.mantlemock.upstream.Capture;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether an exchange may become a recording: only what a replay can load and answer with is written,
 * so one odd upstream answer never stops the next replay from starting. Whatever is refused here was
 * still relayed to the client as it came; the recorder logs the reason.
 */
final class RecordingCheck {
    private RecordingCheck() {}

    /** Why the upstream's answer is not one the fixture format holds, or empty. */
    static Optional<String> ofAnswer(Endpoint endpoint, Capture capture) {
        if (capture.abandoned() != null) {
            return Optional.of(capture.abandoned());
        }
        if (capture.cutBecause() != null) {
            return Optional.of("the relay was cut: " + capture.cutBecause());
        }
        int status = capture.status();
        if (status == 0) {
            return Optional.of("the upstream was not asked (the mock refused the request first)");
        }
        if (status >= 300 && status < 400) {
            return Optional.of("a redirect (" + status + ") is not an answer");
        }
        if (status < 400 && status != 200) {
            return Optional.of("status " + status + " is not an answer the fixture format holds");
        }
        if (status == 200 && endpoint != Endpoint.COUNT_TOKENS) {
            if (capture.streamed() && !capture.framesAreJson()) {
                return Optional.of("a stream event's data is not a JSON object");
            }
            ObjectNode message = capture.message();
            if (message == null || !message.path("type").asText().equals("message") || !message.path("content").isArray()) {
                return Optional.of("the body is not an Anthropic Message");
            }
        }
        return Optional.empty();
    }

    /**
     * Why the fixture made from it would not load, or empty: the very rules that load fixture files.
     * (The answer-conformance rules of issue 23, "answers that obey the request", belong here too.)
     */
    static Optional<String> ofFixture(ObjectNode fixture, Function<Fixture, Optional<String>> answerRules) {
        try {
            for (Fixture f : FixtureCatalogue.parse(fixture, "recording", "the recording")) {
                Optional<String> broken = answerRules.apply(f); // what --check-fixtures says of it: answers obey the request
                if (broken.isPresent()) {
                    return broken;
                }
            }
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.getMessage());
        }
    }
}
