package io.meltgate.processor.tailsampling.policy;

/**
 * One policy of the {@code tail_sampling} processor. Called on the pipeline thread only, so stateful policies
 * (rate limits) keep plain fields.
 */
public interface SamplingPolicy {

    /**
     * @param nowNanos {@link System#nanoTime()} at the decision, for the rate-limiting policies
     */
    Decision evaluate(TraceView trace, long nowNanos);
}
