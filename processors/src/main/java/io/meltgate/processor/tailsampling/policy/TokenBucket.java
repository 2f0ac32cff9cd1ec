package io.meltgate.processor.tailsampling.policy;

/**
 * A token bucket as Go's {@code golang.org/x/time/rate.Limiter} keeps one for {@code AllowN}: it starts full,
 * refills continuously at {@code rate} tokens per second up to {@code burst}, and a request for more tokens than
 * are there takes none. Pipeline thread only.
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;
    private boolean started;

    TokenBucket(double ratePerSecond, double burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    boolean tryTake(long n, long nowNanos) {
        if (!started) {
            started = true;
            last = nowNanos;
        }
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            last = nowNanos;
        }
        if (n > burst || tokens < n) {
            return false;
        }
        tokens -= n;
        return true;
    }
}
