package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RunningMock;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An Error thrown while a request is handled (a class that can no longer be loaded once the jar was
 * replaced, a stack overflow) ends that request with a 500 in the envelope, and the next is served:
 * Javalin's exception mapper once re-ran itself on such an error forever.
 */
@Timeout(60)
class ErrorsOnTheRequestPathTest {
    private static final String HELLO = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":20,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /** The server's clock is read first thing on every request: armed, it throws what the test says. */
    private static final class FailingClock extends Clock {
        volatile Supplier<Error> failure;

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override
        public Instant instant() {
            Supplier<Error> f = failure;
            if (f != null) {
                throw f.get();
            }
            return Instant.now();
        }
    }

    private final FailingClock clock = new FailingClock();
    private final RunningMock mock = RunningMock.start(c -> {}, clock);

    @AfterEach
    void stop() {
        mock.close();
    }

    @Test
    void aClassThatCannotBeLoadedEndsThatRequestWithA500EnvelopeAndTheNextIsServed() {
        clock.failure = () -> new NoClassDefFoundError("dev/mantlemock/wire/SseEncoder");
        assertInternalError(mock.postMessages(HELLO));
        assertInternalError(mock.postMessages(HELLO));
        clock.failure = null;
        assertThat(mock.postMessages(HELLO).statusCode()).isEqualTo(200);
    }

    @Test
    void aStackOverflowEndsThatRequestWithA500EnvelopeAndTheNextIsServed() {
        clock.failure = StackOverflowError::new;
        assertInternalError(mock.postMessages(HELLO));
        clock.failure = null;
        assertThat(mock.postMessages(HELLO).statusCode()).isEqualTo(200);
    }

    private static void assertInternalError(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(500);
        String id = r.headers().firstValue("request-id").orElseThrow();
        assertThat(r.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                + "\"message\":\"Internal server error\"},\"request_id\":\"" + id + "\"}");
        assertThat(r.headers().firstValue("x-should-retry")).contains("true");
    }
}
