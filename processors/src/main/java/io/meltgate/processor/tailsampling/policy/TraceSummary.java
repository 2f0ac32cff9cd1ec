package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * The summary of a trace that the policies read, updated one span at a time as spans arrive: count, time span,
 * wire size, and one bit per {@link SpanPredicate}. Not thread-safe (pipeline thread only).
 */
public class TraceSummary implements TraceView {

    private final long high;
    private final long low;
    private long spanCount;
    private long minStart = Long.MAX_VALUE;
    private long maxEnd = Long.MIN_VALUE;
    private long byteSize;
    private long matchedBits;

    public TraceSummary(long traceIdHigh, long traceIdLow) {
        this.high = traceIdHigh;
        this.low = traceIdLow;
    }

    /** The bits of the predicates that a resource satisfies for every span under it. */
    public static long resourceBits(Resource resource, SpanPredicate[] predicates) {
        long bits = 0;
        for (int i = 0; i < predicates.length; i++) {
            if (predicates[i].matchesResource(resource)) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    /**
     * Adds one span.
     *
     * @param resourceBits {@link #resourceBits} of the span's resource
     * @param wireSize the span's size as an entry of {@code ScopeSpans.spans} (tag and length included)
     */
    public void add(Span span, long resourceBits, SpanPredicate[] predicates, long wireSize) {
        add(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), span, resourceBits, predicates,
                wireSize);
    }

    /** Adds one span that arrived under this resource and scope. */
    public void add(Resource resource, InstrumentationScope scope, Span span, long resourceBits,
                    SpanPredicate[] predicates, long wireSize) {
        recordSpan(span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), wireSize);
        long known = matchedBits | resourceBits;
        for (int i = 0; i < predicates.length; i++) {
            long bit = 1L << i;
            if ((known & bit) == 0 && predicates[i].matchesSpan(resource, scope, span)) {
                known |= bit;
            }
        }
        matchedBits = known;
    }

    /**
     * Counts one span with its times and size; the caller answers the predicates ({@link #matchedBits},
     * {@link #addMatched}). This is how the processor adds a span it read from bytes without parsing it.
     */
    public void recordSpan(long startUnixNanos, long endUnixNanos, long wireSize) {
        spanCount++;
        byteSize += wireSize;
        if (startUnixNanos < minStart) {
            minStart = startUnixNanos;
        }
        if (endUnixNanos > maxEnd) {
            maxEnd = endUnixNanos;
        }
    }

    /** The bits of the predicates already matched by a span or resource of this trace: never asked again. */
    public long matchedBits() {
        return matchedBits;
    }

    public void addMatched(long bits) {
        matchedBits |= bits;
    }

    @Override
    public long traceIdHigh() {
        return high;
    }

    @Override
    public long traceIdLow() {
        return low;
    }

    @Override
    public byte[] traceId() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    @Override
    public long spanCount() {
        return spanCount;
    }

    @Override
    public long minStartUnixNanos() {
        return minStart;
    }

    @Override
    public long maxEndUnixNanos() {
        return maxEnd;
    }

    @Override
    public long byteSize() {
        return byteSize;
    }

    @Override
    public boolean matched(int index) {
        return (matchedBits & (1L << index)) != 0;
    }
}
