package io.meltgate.processor.tailsampling.policy;

/**
 * A policy that samples a trace when one of its spans (or their resources) matched a predicate: status_code,
 * string/numeric/boolean_attribute, trace_state, trace_flags. With {@code invert_match} it answers as the
 * Collector does: INVERT_NOT_SAMPLED when something matched, INVERT_SAMPLED when nothing did.
 */
public final class PredicatePolicy implements SamplingPolicy {

    private final int predicateIndex;
    private final boolean invert;

    public PredicatePolicy(int predicateIndex, boolean invert) {
        this.predicateIndex = predicateIndex;
        this.invert = invert;
    }

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        boolean matched = trace.matched(predicateIndex);
        if (invert) {
            return matched ? Decision.INVERT_NOT_SAMPLED : Decision.INVERT_SAMPLED;
        }
        return matched ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }
}
