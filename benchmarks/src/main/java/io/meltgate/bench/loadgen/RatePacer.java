package io.meltgate.bench.loadgen;

/**
 * When the next request may go, for a fixed request rate: request {@code n} is due at
 * {@code start + n / rate} (an open-loop schedule, so a slow answer does not lower the offered rate). A
 * generator that falls more than {@link #MAX_LAG_NANOS} behind (all its in-flight slots were busy) skips the
 * missed slots instead of bursting to catch up, and counts them. A rate of zero or less means no pacing.
 * Not thread-safe: one sending loop owns it.
 */
public final class RatePacer {

    static final long MAX_LAG_NANOS = 100_000_000L;

    private final double nanosPerRequest;
    private final long start;
    private long issued;
    private long skipped;

    /** @param requestsPerSecond 0 or less for as fast as allowed */
    public RatePacer(double requestsPerSecond, long startNanos) {
        this.nanosPerRequest = requestsPerSecond > 0 ? 1e9 / requestsPerSecond : 0;
        this.start = startNanos;
    }

    /** Nanoseconds from {@code now} until the next request is due; 0 when it is due already. */
    public long nanosUntilNext(long now) {
        if (nanosPerRequest == 0) {
            return 0;
        }
        long due = dueTime(issued);
        long lag = now - due;
        if (lag > MAX_LAG_NANOS) {
            long missed = (long) ((lag - MAX_LAG_NANOS) / nanosPerRequest);
            if (missed > 0) {
                issued += missed;
                skipped += missed;
                due = dueTime(issued);
            }
        }
        return Math.max(0, due - now);
    }

    /** Counts one request as sent. */
    public void sent() {
        issued++;
    }

    /** Slots given up because the generator fell behind its schedule; non-zero means the rate was not offered. */
    public long skipped() {
        return skipped;
    }

    private long dueTime(long n) {
        return start + (long) (n * nanosPerRequest);
    }
}
