package io.meltgate.processor.tailsampling;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.processor.tailsampling.policy.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.IntSupplier;

/** The Collector's tail-sampling self-metrics, created once. */
final class TailSamplingMetrics {

    static final String PREFIX = "otelcol_processor_tail_sampling_";

    /** [policy][decision ordinal] */
    final Counter[][] countTracesSampled;
    /** [decision ordinal] */
    final Counter[] globalCountTracesSampled;
    final DistributionSummary[] decisionLatencyMicros;
    final DistributionSummary decisionTimerLatencyMillis;
    final Counter droppedTooEarly;
    final Counter newTraceIdReceived;
    final Counter earlyReleasesSampled;
    final Counter earlyReleasesNotSampled;
    final Counter lateSpansDropped;
    final DistributionSummary lateSpanAgeSeconds;

    TailSamplingMetrics(ComponentContext context, List<String> policyNames, IntSupplier tracesOnMemory) {
        MeterRegistry m = context.meters();
        Tags tags = context.tags();
        // As the Collector: a policy is named "<component name>.<policy>" when the processor id has a name.
        String prefix = context.id().optionalName().map(n -> n + ".").orElse("");
        Decision[] decisions = Decision.values();
        countTracesSampled = new Counter[policyNames.size()][decisions.length];
        decisionLatencyMicros = new DistributionSummary[policyNames.size()];
        for (int p = 0; p < policyNames.size(); p++) {
            Tags policyTags = tags.and("policy", prefix + policyNames.get(p));
            for (Decision d : decisions) {
                countTracesSampled[p][d.ordinal()] = Counter.builder(PREFIX + "count_traces_sampled")
                        .description("Count of traces that were sampled or not per sampling policy")
                        .tags(policyTags).tag("sampled", Boolean.toString(d.sampled())).tag("decision", d.metricValue())
                        .register(m);
            }
            decisionLatencyMicros[p] = DistributionSummary.builder(PREFIX + "sampling_decision_latency")
                    .description("Latency (in microseconds) of a given sampling policy").tags(policyTags).register(m);
        }
        globalCountTracesSampled = new Counter[decisions.length];
        for (Decision d : decisions) {
            globalCountTracesSampled[d.ordinal()] = Counter.builder(PREFIX + "global_count_traces_sampled")
                    .description("Global count of traces that were sampled or not by at least one policy")
                    .tags(tags).tag("sampled", Boolean.toString(d.sampled())).tag("decision", d.metricValue())
                    .register(m);
        }
        decisionTimerLatencyMillis = DistributionSummary.builder(PREFIX + "sampling_decision_timer_latency")
                .description("Latency (in milliseconds) of each run of the sampling decision timer").tags(tags).register(m);
        droppedTooEarly = Counter.builder(PREFIX + "sampling_trace_dropped_too_early")
                .description("Count of traces that needed to be released before their decision_wait because num_traces"
                        + " was reached (meltgate decides them early with the spans received so far)")
                .tags(tags).register(m);
        newTraceIdReceived = Counter.builder(PREFIX + "new_trace_id_received")
                .description("Counts the arrival of new traces").tags(tags).register(m);
        earlyReleasesSampled = Counter.builder(PREFIX + "early_releases_from_cache_decision")
                .description("Number of spans that were able to be immediately released due to a decision cache hit.")
                .tags(tags).tag("sampled", "true").register(m);
        earlyReleasesNotSampled = Counter.builder(PREFIX + "early_releases_from_cache_decision")
                .description("Number of spans that were able to be immediately released due to a decision cache hit.")
                .tags(tags).tag("sampled", "false").register(m);
        lateSpansDropped = Counter.builder("meltgate_processor_tail_sampling_late_spans_dropped")
                .description("Spans that arrived after their trace was decided not sampled, and were dropped")
                .tags(tags).register(m);
        lateSpanAgeSeconds = DistributionSummary.builder(PREFIX + "sampling_late_span_age")
                .description("Time (in seconds) from the sampling decision was taken and the arrival of a late span")
                .tags(tags).register(m);
        Gauge.builder(PREFIX + "sampling_traces_on_memory", tracesOnMemory::getAsInt)
                .description("Tracks the number of traces current on memory").tags(tags).register(m);
    }
}
