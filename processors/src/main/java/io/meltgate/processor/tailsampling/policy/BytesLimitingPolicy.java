package io.meltgate.processor.tailsampling.policy;

/**
 * {@code bytes_limiting}: samples while a token bucket of bytes allows the trace's OTLP size; it refills at
 * {@code bytes_per_second} and holds {@code burst_capacity} (default twice {@code bytes_per_second}).
 */
public final class BytesLimitingPolicy implements SamplingPolicy {

    private final TokenBucket bucket;

    public BytesLimitingPolicy(long bytesPerSecond, long burstCapacity) {
        this.bucket = new TokenBucket(bytesPerSecond, burstCapacity > 0 ? burstCapacity : 2 * bytesPerSecond);
    }

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        return bucket.tryTake(trace.byteSize(), nowNanos) ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }
}
