package io.meltgate.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pacer is driven with a synthetic clock: no sleeping, no timing. */
class RatePacerTest {

    @Test
    void spacesRequestsEvenlyFromTheStart() {
        RatePacer pacer = new RatePacer(1000, 5_000_000_000L); // one per millisecond
        assertEquals(0, pacer.nanosUntilNext(5_000_000_000L));
        pacer.sent();
        assertEquals(1_000_000, pacer.nanosUntilNext(5_000_000_000L));
        assertEquals(400_000, pacer.nanosUntilNext(5_000_600_000L));
        pacer.sent();
        assertEquals(2_000_000, pacer.nanosUntilNext(5_000_000_000L));
    }

    @Test
    void aFractionalIntervalDoesNotDrift() {
        RatePacer pacer = new RatePacer(3, 0); // 333,333,333.3 ns apart
        for (int i = 0; i < 3000; i++) {
            pacer.sent();
        }
        // request 3000 is due at exactly 1000 s, not 3000 * 333,333,333 ns = 999.999999 s
        assertEquals(1_000_000_000_000L, pacer.nanosUntilNext(0));
    }

    @Test
    void aSmallLagIsCaughtUpByRequestsThatAreDueAtOnce() {
        RatePacer pacer = new RatePacer(1000, 0);
        long now = 50_000_000; // 50 ms late: 50 requests are due
        int due = 0;
        while (pacer.nanosUntilNext(now) == 0 && due < 1000) {
            pacer.sent();
            due++;
        }
        assertEquals(51, due);
        assertEquals(0, pacer.skipped());
    }

    @Test
    void aLargeLagSkipsMissedSlotsInsteadOfBursting() {
        RatePacer pacer = new RatePacer(1000, 0);
        long now = 1_000_000_000; // 1 s late: 1000 slots missed, only the last 100 ms may still go
        int due = 0;
        while (pacer.nanosUntilNext(now) == 0 && due < 10_000) {
            pacer.sent();
            due++;
        }
        assertEquals(900, pacer.skipped());
        assertEquals(101, due);
    }

    @Test
    void zeroRateMeansNoPacing() {
        RatePacer pacer = new RatePacer(0, 0);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, pacer.nanosUntilNext(0));
            pacer.sent();
        }
    }
}
