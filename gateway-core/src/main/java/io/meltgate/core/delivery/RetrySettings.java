package io.meltgate.core.delivery;

import io.meltgate.core.component.ComponentSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code retry_on_failure}, with the Collector's exporterhelper names and defaults. */
public record RetrySettings(boolean enabled, Duration initialInterval, Duration maxInterval,
                            Duration maxElapsedTime, double multiplier, double randomizationFactor)
        implements ComponentSettings {

    public static RetrySettings defaults() {
        return new RetrySettings(true, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), 1.5, 0.5);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (!enabled) {
            return problems;
        }
        if (initialInterval == null || initialInterval.isNegative() || initialInterval.isZero()) {
            problems.add("initial_interval must be positive");
        }
        if (maxInterval == null || maxInterval.isNegative()) {
            problems.add("max_interval must not be negative");
        }
        if (maxElapsedTime == null || maxElapsedTime.isNegative()) {
            problems.add("max_elapsed_time must not be negative (0 means retry forever)");
        }
        if (multiplier < 1) {
            problems.add("multiplier must be at least 1, got " + multiplier);
        }
        if (randomizationFactor < 0 || randomizationFactor > 1) {
            problems.add("randomization_factor must be between 0 and 1, got " + randomizationFactor);
        }
        return problems;
    }
}
