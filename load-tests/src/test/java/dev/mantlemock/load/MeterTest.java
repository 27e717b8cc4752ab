package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeterTest {
    @Test
    void countsPerPhaseAsOutcomesArrive() {
        Meter meter = new Meter();
        meter.record(new Outcome("step 00", 0, 200, 1, 1, 1, 1, -1));
        meter.record(new Outcome("step 00", 0, 429, 0, 0, 1, 1, -1));
        meter.record(new Outcome("step 01", 0, 200, 1, 1, 1, 1, -1));

        assertThat(meter.phaseCount("step 00").total()).isEqualTo(2);
        assertThat(meter.phaseCount("step 00").throttledShare()).isEqualTo(0.5);
        assertThat(meter.phaseCount("step 01").throttled()).isZero();
        assertThat(meter.phaseCount("step 09").total()).isZero();
        assertThat(meter.outcomes()).hasSize(3);
    }
}
