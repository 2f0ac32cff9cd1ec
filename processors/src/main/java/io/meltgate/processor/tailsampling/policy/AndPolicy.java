package io.meltgate.processor.tailsampling.policy;

import java.util.List;

/** {@code and}: sampled only when every sub-policy samples (an inverted decision counts as its plain form). */
public final class AndPolicy implements SamplingPolicy {

    private final List<SamplingPolicy> subPolicies;

    public AndPolicy(List<SamplingPolicy> subPolicies) {
        this.subPolicies = List.copyOf(subPolicies);
    }

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        for (SamplingPolicy p : subPolicies) {
            Decision d = p.evaluate(trace, nowNanos).uninverted();
            if (d != Decision.SAMPLED) {
                return Decision.NOT_SAMPLED;
            }
        }
        return Decision.SAMPLED;
    }
}
