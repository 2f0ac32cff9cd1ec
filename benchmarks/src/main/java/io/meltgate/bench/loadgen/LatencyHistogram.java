package io.meltgate.bench.loadgen;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request latencies in microseconds, in log-linear buckets: exact below 32 µs, then 32 buckets per power of
 * two, so every recorded value is known to within 1/32 (about 3%). Fixed memory (a few KiB), lock-free, safe
 * to record from many callback threads at once.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** Values are capped here (about 19 hours in microseconds); nothing we measure comes close. */
    private static final int MAX_EXPONENT = 36;
    private static final long MAX_VALUE = (1L << (MAX_EXPONENT + 1)) - 1;
    private static final int BUCKETS = SUB_BUCKETS + (MAX_EXPONENT - SUB_BITS + 1) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    /** Records one latency given in nanoseconds. Negative values count as zero. */
    public void recordNanos(long nanos) {
        long micros = Math.min(MAX_VALUE, Math.max(0, nanos / 1000));
        counts.incrementAndGet(indexOf(micros));
        total.incrementAndGet();
        max.accumulateAndGet(micros, Math::max);
    }

    public long count() {
        return total.get();
    }

    public long maxMicros() {
        return max.get();
    }

    /**
     * The latency at or below which the fraction {@code q} (0..1) of the recorded requests fall, as the upper
     * edge of its bucket (never an under-estimate), capped at the largest value recorded; 0 when empty.
     */
    public long percentileMicros(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be within 0..1, got " + q);
        }
        long n = total.get();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upperEdge(i), max.get());
            }
        }
        return max.get();
    }

    static int indexOf(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) ((micros >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1));
        return SUB_BUCKETS + (exponent - SUB_BITS) * SUB_BUCKETS + sub;
    }

    /** The largest value that falls in bucket {@code index}. */
    static long upperEdge(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = (index - SUB_BUCKETS) / SUB_BUCKETS + SUB_BITS;
        int sub = (index - SUB_BUCKETS) % SUB_BUCKETS;
        long width = 1L << (exponent - SUB_BITS);
        long lower = (1L << exponent) + sub * width;
        return lower + width - 1;
    }
}
