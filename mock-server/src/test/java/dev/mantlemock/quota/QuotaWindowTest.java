package dev.mantlemock.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaWindowTest {
    private static final long START = 1_764_064_800_000L; // a whole minute, so slots line up with seconds

    @Test
    void aChargeStaysInTheWindowForExactlyOneWindowLength() {
        QuotaWindow w = new QuotaWindow(60_000);
        w.add(500, START);
        assertThat(w.used(START + 59_999)).isEqualTo(500);
        assertThat(w.used(START + 60_000)).isZero();
    }

    @Test
    void chargesExpireSlotBySlotNotAllAtOnce() {
        QuotaWindow w = new QuotaWindow(60_000);
        w.add(100, START);
        w.add(200, START + 30_000);
        assertThat(w.used(START + 60_000)).isEqualTo(200);
        assertThat(w.used(START + 90_000)).isZero();
    }

    @Test
    void waitingTimeIsUntilEnoughOfTheOldestChargesHaveLeft() {
        QuotaWindow w = new QuotaWindow(60_000);
        w.add(100, START);
        w.add(200, START + 30_000);
        long now = START + 40_000;
        assertThat(w.millisUntilFreed(50, now)).isEqualTo(20_000);
        assertThat(w.millisUntilFreed(150, now)).isEqualTo(50_000);
        assertThat(w.millisUntilFreed(301, now)).isEqualTo(-1);
    }

    @Test
    void aRefundGoesBackToTheSlotItWasChargedIn() {
        QuotaWindow w = new QuotaWindow(60_000);
        long slot = w.add(1000, START);
        w.refund(700, slot, START + 10_000);
        assertThat(w.used(START + 10_000)).isEqualTo(300);
    }

    @Test
    void aRefundOfAChargeThatAlreadyExpiredChangesNothing() {
        QuotaWindow w = new QuotaWindow(6_000);
        long slot = w.add(1000, START);
        w.add(10, START + 6_000);
        w.refund(700, slot, START + 6_000);
        assertThat(w.used(START + 6_000)).isEqualTo(10);
    }

    @Test
    void aShortWindowWorksTheSameWay() {
        QuotaWindow w = new QuotaWindow(6_000);
        w.add(100, START);
        assertThat(w.used(START + 5_999)).isEqualTo(100);
        assertThat(w.used(START + 6_000)).isZero();
    }

    @Test
    void aWindowThatSixtyDoesNotDivideKeepsItsFullLength() {
        QuotaWindow w = new QuotaWindow(1_000);
        assertThat(w.windowMillis()).isEqualTo(1_000);
        w.add(5, START);
        assertThat(w.used(START + 999)).isEqualTo(5);
        assertThat(w.used(START + 1_000)).isZero();
    }
}
