package dev.mantlemock.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Quota buckets of keys used once are dropped after their window (issue 28): the book never grows with traffic. */
class IdleBucketsTest {
    @Test
    void bucketsNobodyUsedForAWholeWindowAreDroppedAndBusyOnesKept() {
        MutableClock clock = MutableClock.atSomeMinute();
        QuotaBook book = new QuotaBook(new QuotaConfig(), clock);
        for (int i = 0; i < 5_000; i++) {
            book.bucket("one-off-key-" + i, "anthropic.claude-haiku-4-5").admit(10, clock.millis());
        }
        assertThat(book.bucketCount()).as("all in their window").isEqualTo(5_000);

        clock.advance(Duration.ofSeconds(61));
        book.bucket("busy", "anthropic.claude-haiku-4-5").admit(10, clock.millis());

        assertThat(book.usage()).extracting(QuotaUsage::account).containsExactly("busy");
        assertThat(book.bucketCount()).isEqualTo(1);
    }

    @Test
    void newBucketsSweepTheIdleOnesEvenIfNobodyListsThem() {
        MutableClock clock = MutableClock.atSomeMinute();
        QuotaBook book = new QuotaBook(new QuotaConfig(), clock);
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < QuotaBook.SWEEP_EVERY; i++) {
                book.bucket("key-" + round + "-" + i, "m").admit(10, clock.millis());
            }
            clock.advance(Duration.ofSeconds(61));
        }
        assertThat(book.bucketCount()).as("at most about two sweeps' worth").isLessThanOrEqualTo(2 * QuotaBook.SWEEP_EVERY);
    }
}
