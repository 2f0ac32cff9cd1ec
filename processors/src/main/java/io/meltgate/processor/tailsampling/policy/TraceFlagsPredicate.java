package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.trace.v1.Span;

/** {@code trace_flags}: a span whose W3C trace flags (the low byte of OTLP {@code flags}) have "sampled" set. */
public final class TraceFlagsPredicate implements WireSpanPredicate {

    @Override
    public boolean matchesFields(SpanFields fields) {
        return (fields.flags & 0x01) != 0;
    }

    @Override
    public boolean matchesSpan(Span span) {
        return (span.getFlags() & 0x01) != 0;
    }
}
