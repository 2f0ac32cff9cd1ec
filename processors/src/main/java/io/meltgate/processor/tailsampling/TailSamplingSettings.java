package io.meltgate.processor.tailsampling;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.processor.tailsampling.policy.PolicyCompiler;
import io.meltgate.processor.tailsampling.policy.PolicySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the {@code tail_sampling} processor, with the Collector's names and defaults (see
 * {@link TailSamplingFactory#defaultSettings()}).
 *
 * @param decisionWait time from a trace's first span to its decision (30s)
 * @param numTraces traces held at once; past it the oldest is decided early (50000)
 * @param expectedNewTracesPerSec sizes the trace table up front (0)
 * @param decisionCache how many sampled / non-sampled trace ids are remembered after release (0 / 0)
 * @param sampleOnFirstMatch stop evaluating at the first policy that samples (false)
 * @param dropPendingTracesOnShutdown drop, instead of deciding, the traces still waiting at shutdown (false)
 * @param blockOnOverflow past num_traces, wait for the oldest trace's decision time instead of deciding it early (false)
 * @param policies the sampling policies; at least one
 */
public record TailSamplingSettings(
        Duration decisionWait,
        int numTraces,
        int expectedNewTracesPerSec,
        DecisionCacheSettings decisionCache,
        boolean sampleOnFirstMatch,
        boolean dropPendingTracesOnShutdown,
        boolean blockOnOverflow,
        List<PolicySettings> policies) implements ComponentSettings {

    /** {@code decision_cache}: {@code sampled_cache_size}, {@code non_sampled_cache_size}. */
    public record DecisionCacheSettings(int sampledCacheSize, int nonSampledCacheSize) {
        public static DecisionCacheSettings defaults() {
            return new DecisionCacheSettings(0, 0);
        }
    }

    public TailSamplingSettings withPolicies(List<PolicySettings> p) {
        return new TailSamplingSettings(decisionWait, numTraces, expectedNewTracesPerSec, decisionCache,
                sampleOnFirstMatch, dropPendingTracesOnShutdown, blockOnOverflow, p);
    }

    public TailSamplingSettings withDecisionWait(Duration d) {
        return new TailSamplingSettings(d, numTraces, expectedNewTracesPerSec, decisionCache,
                sampleOnFirstMatch, dropPendingTracesOnShutdown, blockOnOverflow, policies);
    }

    public TailSamplingSettings withNumTraces(int n) {
        return new TailSamplingSettings(decisionWait, n, expectedNewTracesPerSec, decisionCache,
                sampleOnFirstMatch, dropPendingTracesOnShutdown, blockOnOverflow, policies);
    }

    public TailSamplingSettings withDecisionCache(int sampled, int nonSampled) {
        return new TailSamplingSettings(decisionWait, numTraces, expectedNewTracesPerSec,
                new DecisionCacheSettings(sampled, nonSampled), sampleOnFirstMatch, dropPendingTracesOnShutdown,
                blockOnOverflow, policies);
    }

    public TailSamplingSettings withFlags(boolean sampleOnFirstMatch, boolean dropPendingTracesOnShutdown,
                                          boolean blockOnOverflow) {
        return new TailSamplingSettings(decisionWait, numTraces, expectedNewTracesPerSec, decisionCache,
                sampleOnFirstMatch, dropPendingTracesOnShutdown, blockOnOverflow, policies);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (decisionWait == null || decisionWait.isNegative() || decisionWait.isZero()) {
            problems.add("decision_wait: must be greater than zero");
        }
        if (numTraces <= 0) {
            problems.add("num_traces: must be greater than zero");
        }
        if (expectedNewTracesPerSec < 0) {
            problems.add("expected_new_traces_per_sec: must not be negative");
        }
        if (decisionCache != null && (decisionCache.sampledCacheSize() < 0 || decisionCache.nonSampledCacheSize() < 0)) {
            problems.add("decision_cache: sampled_cache_size and non_sampled_cache_size must not be negative");
        }
        problems.addAll(PolicyCompiler.validate(policies));
        return problems;
    }
}
