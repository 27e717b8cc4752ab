package dev.mantlemock.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Why an answer is not whole, as the recorder's "not recorded" line says it. */
class CaptureTest {
    @Test
    void anUpstreamNeverAskedSaysWhy() {
        Capture capture = new Capture();
        capture.notSent("The mock could not sign the request for the upstream https://x: no credentials");

        assertThat(capture.whole()).isFalse();
        assertThat(capture.whyNotWhole()).isEqualTo("the upstream never answered: The mock could not sign the request "
                + "for the upstream https://x: no credentials");
    }

    @Test
    void aDropAndAClientThatLeftAreToldApartAndAWholeAnswerHasNoReason() {
        Capture dropped = new Capture();
        dropped.begin(200, Map.of("content-type", "text/event-stream"));
        dropped.finish(Capture.Outcome.UPSTREAM_DROPPED);
        Capture left = new Capture();
        left.finish(Capture.Outcome.CLIENT_LEFT);
        Capture whole = new Capture();
        whole.begin(200, Map.of("content-type", "application/json"));
        whole.finish(Capture.Outcome.COMPLETE);

        assertThat(dropped.whyNotWhole()).isEqualTo("the upstream dropped the connection before the answer ended");
        assertThat(left.whyNotWhole()).isEqualTo("the client left before the answer ended");
        assertThat(whole.whyNotWhole()).isNull();
        assertThat(new Capture().whyNotWhole()).isEqualTo("no answer was captured");
    }
}
