package io.meltgate.core.data;

import com.google.protobuf.ByteString;
import io.meltgate.core.signal.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.List;

/**
 * Spans grouped by resource and scope, as OTLP sends them. The list is taken over, not copied: it must not
 * change afterwards (the lists of a decoded protobuf message never do). {@code wire}, when not null, holds for each
 * resource entry the bytes it was received as, or null for an entry without them (see {@link Batch#wireOf}).
 */
public record SpanBatch(List<ResourceSpans> resourceSpans, int itemCount, RequestMetadata metadata, List<ByteString> wire)
        implements Batch {

    /** A batch whose resources are known only decoded: an exporter encodes them. */
    public SpanBatch(List<ResourceSpans> resourceSpans, int itemCount, RequestMetadata metadata) {
        this(resourceSpans, itemCount, metadata, null);
    }

    /** With the received bytes of each resource entry, as {@link io.meltgate.core.otlp.wire.ExportRequestDecoder} gives them. */
    public static SpanBatch of(List<ResourceSpans> resourceSpans, List<ByteString> wire, RequestMetadata metadata) {
        return new SpanBatch(resourceSpans, countSpans(resourceSpans), metadata, wire);
    }

    @Override
    public ByteString wireOf(int resource) {
        return wire == null ? null : wire.get(resource);
    }

    /** Equal when the data is: whether the received bytes were kept does not matter. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SpanBatch b && b.itemCount == itemCount && b.resourceSpans.equals(resourceSpans) && b.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(resourceSpans, itemCount, metadata);
    }

    public static SpanBatch of(List<ResourceSpans> resourceSpans, RequestMetadata metadata) {
        return new SpanBatch(resourceSpans, countSpans(resourceSpans), metadata);
    }

    public static SpanBatch of(ExportTraceServiceRequest request, RequestMetadata metadata) {
        return of(request.getResourceSpansList(), metadata);
    }

    public static int countSpans(List<ResourceSpans> resourceSpans) {
        int n = 0;
        for (ResourceSpans rs : resourceSpans) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                n += ss.getSpansCount();
            }
        }
        return n;
    }

    /** The OTLP export request that carries exactly this batch. */
    public ExportTraceServiceRequest toRequest() {
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(resourceSpans).build();
    }

    @Override
    public Signal signal() {
        return Signal.TRACES;
    }

    @Override
    public List<ResourceSpans> resources() {
        return resourceSpans;
    }

    @Override
    public int resourceCount() {
        return resourceSpans.size();
    }

    @Override
    public boolean isEmpty() {
        return itemCount == 0;
    }
}
