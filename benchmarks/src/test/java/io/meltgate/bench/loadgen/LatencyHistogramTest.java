package io.meltgate.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.count());
        assertEquals(0, h.percentileMicros(0.99));
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int us = 1; us <= 20; us++) {
            h.recordNanos(us * 1000L);
        }
        assertEquals(20, h.count());
        assertEquals(10, h.percentileMicros(0.50));
        assertEquals(20, h.percentileMicros(0.99));
        assertEquals(20, h.maxMicros());
    }

    @Test
    void percentilesOfAUniformSpreadAreWithinBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        // 1 ms .. 100 ms in steps of 10 µs: 9,901 values
        for (long us = 1000; us <= 100_000; us += 10) {
            h.recordNanos(us * 1000);
        }
        assertWithin(50_500, h.percentileMicros(0.50), 0.035);
        assertWithin(99_010, h.percentileMicros(0.99), 0.035);
        assertEquals(100_000, h.percentileMicros(1.0));
    }

    @Test
    void aSingleSlowRequestShowsInTheTailOnly() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 999; i++) {
            h.recordNanos(2_000_000);
        }
        h.recordNanos(3_000_000_000L);
        assertWithin(2_000, h.percentileMicros(0.99), 0.035);
        assertWithin(3_000_000, h.percentileMicros(1.0), 0.0);
    }

    @Test
    void bucketsCoverEveryValueWithoutGapsOrOverlap() {
        for (long v = 0; v < 1_000_000; v += 7) {
            int i = LatencyHistogram.indexOf(v);
            assertTrue(LatencyHistogram.upperEdge(i) >= v, "upper edge of bucket " + i + " below " + v);
            assertTrue(i == 0 || LatencyHistogram.upperEdge(i - 1) < v, "value " + v + " also fits bucket " + (i - 1));
        }
    }

    @Test
    void rejectsQuantilesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram().percentileMicros(1.5));
    }

    private static void assertWithin(long expected, long actual, double relative) {
        assertTrue(actual >= expected && actual <= expected * (1 + relative) + 1,
                "expected " + expected + " (+" + relative * 100 + "%), got " + actual);
    }
}
