package io.meltgate.processor.tailsampling.policy;

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
}
