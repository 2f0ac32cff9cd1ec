package io.meltgate.processor.tailsampling;

/**
 * Spans of one trace that arrived under one resource and scope, kept as the bytes of repeated
 * {@code ScopeSpans.spans} entries (tag, length, span), copied out of the received request.
 *
 * @param resourceHead every field of the {@code ResourceSpans} entry but its {@code scope_spans} (the resource and
 *     its schema_url); one copy shared by every chunk cut from the same received entry
 * @param scopeHead every field of the {@code ScopeSpans} but its {@code spans} (scope, schema_url), shared likewise
 * @param spans the span entries
 * @param spanCount how many spans {@code spans} holds
 */
record SpanChunk(Head resourceHead, Head scopeHead, byte[] spans, int spanCount) {

    /**
     * The fields of a message besides its repeated field 2 ({@code scope_spans}, {@code spans}), as bytes: those
     * numbered below 2 first, then those above, so that writing {@code bytes[0, split)}, the field 2 entries, then
     * {@code bytes[split, end)} gives the message in field order, as protobuf encoders write it.
     */
    record Head(byte[] bytes, int split) {
    }
}
