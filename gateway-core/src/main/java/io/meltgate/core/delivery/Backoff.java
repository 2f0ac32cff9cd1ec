package io.meltgate.core.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter, as the Collector's {@code retry_on_failure} computes it (the
 * cenkalti/backoff algorithm): each wait is the current interval randomized by
 * {@code ± randomization_factor}, then the interval grows by {@code multiplier} up to {@code max_interval}.
 * One instance per batch being retried; not thread-safe.
 */
final class Backoff {

    private final RetrySettings settings;
    private long currentNanos;

    Backoff(RetrySettings settings) {
        this.settings = settings;
        this.currentNanos = settings.initialInterval().toNanos();
    }

    /** The next wait. */
    Duration next() {
        double delta = settings.randomizationFactor() * currentNanos;
        double min = currentNanos - delta;
        double max = currentNanos + delta;
        // The jitter spreads the retries of many senders that failed at the same moment.
        long wait = (long) (min + ThreadLocalRandom.current().nextDouble() * (max - min + 1));
        long maxNanos = settings.maxInterval().toNanos();
        if (maxNanos > 0 && currentNanos >= maxNanos / settings.multiplier()) {
            currentNanos = maxNanos;
        } else {
            currentNanos = (long) (currentNanos * settings.multiplier());
        }
        return Duration.ofNanos(Math.max(0, wait));
    }
}
