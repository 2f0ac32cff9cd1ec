package io.meltgate.processor.tailsampling.policy;

/**
 * {@code latency}: the trace's duration, from its earliest span start to its latest span end, is at least
 * {@code threshold_ms}; with {@code upper_threshold_ms} set, the Collector's bounds are
 * {@code threshold_ms < duration <= upper_threshold_ms}.
 */
public final class LatencyPolicy implements SamplingPolicy {

    private final long thresholdMs;
    private final long upperThresholdMs;

    public LatencyPolicy(long thresholdMs, long upperThresholdMs) {
        this.thresholdMs = thresholdMs;
        this.upperThresholdMs = upperThresholdMs;
    }

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        if (trace.maxEndUnixNanos() < trace.minStartUnixNanos()) {
            return Decision.NOT_SAMPLED;
        }
        // Go's Duration.Milliseconds() truncates.
        long durationMs = (trace.maxEndUnixNanos() - trace.minStartUnixNanos()) / 1_000_000L;
        boolean match = upperThresholdMs == 0
                ? durationMs >= thresholdMs
                : thresholdMs < durationMs && durationMs <= upperThresholdMs;
        return match ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }
}
