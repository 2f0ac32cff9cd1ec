package io.meltgate.processor.tailsampling.policy;

/** {@code span_count}: {@code min_spans <= spans} and, when {@code max_spans} is not 0, {@code spans <= max_spans}. */
public final class SpanCountPolicy implements SamplingPolicy {

    private final long minSpans;
    private final long maxSpans;

    public SpanCountPolicy(long minSpans, long maxSpans) {
        this.minSpans = minSpans;
        this.maxSpans = maxSpans;
    }

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        long n = trace.spanCount();
        boolean match = n >= minSpans && (maxSpans == 0 || n <= maxSpans);
        return match ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }
}
