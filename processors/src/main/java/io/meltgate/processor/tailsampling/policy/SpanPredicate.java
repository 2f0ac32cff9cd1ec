package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A question asked of every span as it arrives ("has this span, or its resource, attribute X?"); the answer is
 * kept as one bit of the trace's summary. This is what lets the processor keep the spans themselves as bytes.
 */
public interface SpanPredicate {

    /** Whether the resource alone answers yes for every span under it. */
    default boolean matchesResource(Resource resource) {
        return false;
    }

    boolean matchesSpan(Span span);

    /** With the span's resource and scope, for predicates that look at them (OTTL conditions). */
    default boolean matchesSpan(Resource resource, InstrumentationScope scope, Span span) {
        return matchesSpan(span);
    }
}
