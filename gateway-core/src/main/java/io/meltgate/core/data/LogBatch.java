package io.meltgate.core.data;

import com.google.protobuf.ByteString;
import io.meltgate.core.signal.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.List;

/** Log records (and events, which are log records with an event name) grouped by resource and scope. *
 * <p>{@code wire}, when not null, holds for each resource entry the bytes it was received as, or null for an
 * entry without them (see {@link Batch#wireOf}).
 */
public record LogBatch(List<ResourceLogs> resourceLogs, int itemCount, RequestMetadata metadata, List<ByteString> wire)
        implements Batch {

    /** A batch whose resources are known only decoded: an exporter encodes them. */
    public LogBatch(List<ResourceLogs> resourceLogs, int itemCount, RequestMetadata metadata) {
        this(resourceLogs, itemCount, metadata, null);
    }

    /** With the received bytes of each resource entry, as {@link io.meltgate.core.otlp.wire.ExportRequestDecoder} gives them. */
    public static LogBatch of(List<ResourceLogs> resourceLogs, List<ByteString> wire, RequestMetadata metadata) {
        return new LogBatch(resourceLogs, countLogRecords(resourceLogs), metadata, wire);
    }

    @Override
    public ByteString wireOf(int resource) {
        return wire == null ? null : wire.get(resource);
    }

    /** Equal when the data is: whether the received bytes were kept does not matter. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LogBatch b && b.itemCount == itemCount && b.resourceLogs.equals(resourceLogs) && b.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(resourceLogs, itemCount, metadata);
    }

    public static LogBatch of(List<ResourceLogs> resourceLogs, RequestMetadata metadata) {
        return new LogBatch(resourceLogs, countLogRecords(resourceLogs), metadata);
    }

    public static LogBatch of(ExportLogsServiceRequest request, RequestMetadata metadata) {
        return of(request.getResourceLogsList(), metadata);
    }

    public static int countLogRecords(List<ResourceLogs> resourceLogs) {
        int n = 0;
        for (ResourceLogs rl : resourceLogs) {
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                n += sl.getLogRecordsCount();
            }
        }
        return n;
    }

    /** The OTLP export request that carries exactly this batch. */
    public ExportLogsServiceRequest toRequest() {
        return ExportLogsServiceRequest.newBuilder().addAllResourceLogs(resourceLogs).build();
    }

    @Override
    public Signal signal() {
        return Signal.LOGS;
    }

    @Override
    public List<ResourceLogs> resources() {
        return resourceLogs;
    }

    @Override
    public int resourceCount() {
        return resourceLogs.size();
    }

    @Override
    public boolean isEmpty() {
        return itemCount == 0;
    }
}
