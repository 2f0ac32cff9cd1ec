package io.meltgate.processor.tailsampling.policy;

import java.util.List;

/**
 * {@code drop}: DROPPED when every sub-policy samples (matches), which overrides every other policy's decision;
 * otherwise NOT_SAMPLED (which on its own samples nothing and drops nothing).
 */
public final class DropPolicy implements SamplingPolicy {

    private final List<SamplingPolicy> subPolicies;

    public DropPolicy(List<SamplingPolicy> subPolicies) {
        this.subPolicies = List.copyOf(subPolicies);
    }

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        for (SamplingPolicy p : subPolicies) {
            if (p.evaluate(trace, nowNanos).uninverted() != Decision.SAMPLED) {
                return Decision.NOT_SAMPLED;
            }
        }
        return Decision.DROPPED;
    }
}
