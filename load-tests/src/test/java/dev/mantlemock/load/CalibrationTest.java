package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    @Test
    void findsTheLengthWhoseCountIsExactlyTheWantedTokens() {
        // A counter like the mock's: 3.5 characters per token, rounded up, plus an overhead of 7.
        AtomicInteger calls = new AtomicInteger();
        Calibration.Prompt p = Calibration.solve(1000, chars -> {
            calls.incrementAndGet();
            return (long) Math.ceil(chars / 3.5) + 7;
        });
        assertThat(p.inputTokens()).isEqualTo(1000);
        assertThat((long) Math.ceil(p.chars() / 3.5) + 7).isEqualTo(1000);
        assertThat(calls.get()).isLessThanOrEqualTo(4);
    }

    @Test
    void aTokenizerDenserThanTheEstimateIsFollowed() {
        // 1.3 x more tokens (Opus 4.7's tokenizer): the first guess overshoots and is corrected.
        Calibration.Prompt p = Calibration.solve(2000, chars -> (long) Math.ceil(chars / 3.5 * 1.3) + 10);
        assertThat(p.inputTokens()).isBetween(1999L, 2000L);
    }
}
