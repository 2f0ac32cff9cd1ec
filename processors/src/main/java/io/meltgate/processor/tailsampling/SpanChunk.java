package io.meltgate.processor.tailsampling;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * Spans of one trace that arrived under one resource and scope, kept as the bytes of repeated
 * {@code ScopeSpans.spans} fields. The resource and scope are the messages of the request they came in, shared by
 * every trace of that request (they do not hold the request's spans).
 */
record SpanChunk(Resource resource, String resourceSchemaUrl, InstrumentationScope scope, String scopeSchemaUrl,
                 byte[] spans) {
}
