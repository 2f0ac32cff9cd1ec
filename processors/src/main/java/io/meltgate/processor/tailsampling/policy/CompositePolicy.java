package io.meltgate.processor.tailsampling.policy;

import java.util.List;

/**
 * {@code composite}: the sub-policies in order; the first that samples a trace decides, and the trace is kept
 * only if it fits in that sub-policy's share of spans for the current second ({@code rate_allocation} percent of
 * {@code max_total_spans_per_second}) and in the total. Counters restart each second, as in the Collector.
 */
public final class CompositePolicy implements SamplingPolicy {

    /** A sub-policy with its allocated spans per second. */
    public record SubPolicy(SamplingPolicy policy, long allocatedSpansPerSecond) {
    }

    private final long maxTotalSpansPerSecond;
    private final SamplingPolicy[] policies;
    private final long[] allocated;
    private final long[] sampledThisSecond;
    private long totalThisSecond;
    private long currentSecond = Long.MIN_VALUE;

    public CompositePolicy(long maxTotalSpansPerSecond, List<SubPolicy> subPolicies) {
        this.maxTotalSpansPerSecond = maxTotalSpansPerSecond;
        this.policies = subPolicies.stream().map(SubPolicy::policy).toArray(SamplingPolicy[]::new);
        this.allocated = subPolicies.stream().mapToLong(SubPolicy::allocatedSpansPerSecond).toArray();
        this.sampledThisSecond = new long[policies.length];
    }

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        long second = Math.floorDiv(nowNanos, 1_000_000_000L);
        if (second != currentSecond) {
            currentSecond = second;
            java.util.Arrays.fill(sampledThisSecond, 0);
            totalThisSecond = 0;
        }
        for (int i = 0; i < policies.length; i++) {
            if (policies[i].evaluate(trace, nowNanos).uninverted() == Decision.SAMPLED) {
                long ifSampled = sampledThisSecond[i] + trace.spanCount();
                if (ifSampled <= allocated[i] && totalThisSecond + trace.spanCount() <= maxTotalSpansPerSecond) {
                    sampledThisSecond[i] = ifSampled;
                    totalThisSecond += trace.spanCount();
                    return Decision.SAMPLED;
                }
                return Decision.NOT_SAMPLED;
            }
        }
        return Decision.NOT_SAMPLED;
    }
}
