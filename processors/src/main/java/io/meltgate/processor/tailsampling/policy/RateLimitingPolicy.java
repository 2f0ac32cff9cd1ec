package io.meltgate.processor.tailsampling.policy;

/**
 * {@code rate_limiting}: samples while a token bucket of spans allows the trace's span count; it refills at
 * {@code spans_per_second} and holds {@code burst_capacity} (default twice {@code spans_per_second}), as the
 * Collector's does.
 */
public final class RateLimitingPolicy implements SamplingPolicy {

    private final TokenBucket bucket;

    public RateLimitingPolicy(long spansPerSecond, long burstCapacity) {
        this.bucket = new TokenBucket(spansPerSecond, burstCapacity > 0 ? burstCapacity : 2 * spansPerSecond);
    }

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        return bucket.tryTake(trace.spanCount(), nowNanos) ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }
}
