package io.meltgate.processor.tailsampling.policy;

/**
 * The few fixed-size fields of a span that the processor reads straight from its protobuf bytes, without parsing
 * the span (its strings, attributes and events): enough for {@link WireSpanPredicate}s. Reused from span to span:
 * pipeline thread only.
 */
public final class SpanFields {

    /** {@code status.code} as its enum number (0 UNSET when the span has no status). */
    public int statusCode;
    /** {@code flags} (W3C trace flags in the low byte). */
    public int flags;

    public void reset() {
        statusCode = 0;
        flags = 0;
    }
}
