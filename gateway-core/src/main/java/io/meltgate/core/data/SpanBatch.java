package io.meltgate.core.data;

import io.meltgate.core.signal.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.List;

/**
 * Spans grouped by resource and scope, as OTLP sends them. The list is taken over, not copied: it must not
 * change afterwards (the lists of a decoded protobuf message never do).
 */
public record SpanBatch(List<ResourceSpans> resourceSpans, int itemCount, RequestMetadata metadata) implements Batch {


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
    public int resourceCount() {
        return resourceSpans.size();
    }

    @Override
    public boolean isEmpty() {
        return itemCount == 0;
    }
}
