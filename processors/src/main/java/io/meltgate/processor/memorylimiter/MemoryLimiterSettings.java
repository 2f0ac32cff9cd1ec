package io.meltgate.processor.memorylimiter;

import io.meltgate.core.component.ComponentSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code memory_limiter} processor's options, the Collector's. Limits apply to the JVM heap: absolute in
 * MiB, or as a percentage of the maximum heap ({@code -Xmx}), which is the memory a JVM can run out of.
 */
public record MemoryLimiterSettings(Duration checkInterval, int limitMib, int spikeLimitMib, int limitPercentage,
                                    int spikeLimitPercentage, Duration minGcIntervalWhenSoftLimited,
                                    Duration minGcIntervalWhenHardLimited) implements ComponentSettings {

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            problems.add("check_interval must be greater than zero");
        }
        if (limitMib <= 0 && limitPercentage <= 0) {
            problems.add("either limit_mib or limit_percentage must be set greater than zero");
        }
        if (limitMib > 0 && spikeLimitMib >= limitMib) {
            problems.add("spike_limit_mib must be smaller than limit_mib");
        }
        if (limitPercentage > 100 || spikeLimitPercentage > 100 || limitPercentage < 0 || spikeLimitPercentage < 0) {
            problems.add("limit_percentage and spike_limit_percentage must be between 0 and 100");
        }
        if (limitPercentage > 0 && spikeLimitPercentage >= limitPercentage) {
            problems.add("spike_limit_percentage must be smaller than limit_percentage");
        }
        return problems;
    }
}
