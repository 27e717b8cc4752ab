package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which requests may be answered on Jetty's own thread: never one that may ask for a stream. */
class InlineRoutingTest {
    private static boolean mayStream(String body) {
        return HttpEntry.mayStream(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyWithoutTheWordStreamOrAnEscapeCannotBeAStream() {
        assertThat(mayStream("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")).isFalse();
        assertThat(mayStream("")).isFalse();
    }

    @Test
    void theStreamKeyAnywhereEvenFalseOrInTheTextSendsItToTheWorkers() {
        assertThat(mayStream("{\"stream\":true}")).isTrue();
        assertThat(mayStream("{\"stream\":false,\"max_tokens\":1}")).isTrue();
        assertThat(mayStream("{\"messages\":[{\"content\":\"downstream\"}]}")).isTrue();
    }

    @Test
    void anEscapedKeyThatParsesAsStreamSendsItToTheWorkersToo() {
        assertThat(mayStream("{\"\\u0073tream\":true,\"max_tokens\":1}")).isTrue();
        assertThat(mayStream("{\"messages\":[{\"content\":\"caf\\u00e9 au lait\"}]}")).isTrue();
    }
}
