package io.meltgate.processor.tailsampling.policy;

/**
 * A span predicate that can answer from {@link SpanFields} alone, so a span it asks about need not be parsed. It
 * never looks at the resource or the scope. {@link #matchesFields} must answer as {@link #matchesSpan} does for
 * the same span.
 */
public interface WireSpanPredicate extends SpanPredicate {

    boolean matchesFields(SpanFields fields);
}
