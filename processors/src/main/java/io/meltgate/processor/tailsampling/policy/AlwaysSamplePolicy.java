package io.meltgate.processor.tailsampling.policy;

/** {@code always_sample}. */
public final class AlwaysSamplePolicy implements SamplingPolicy {

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        return Decision.SAMPLED;
    }
}
