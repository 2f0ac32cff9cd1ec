package io.meltgate.core.data;

import io.meltgate.core.signal.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.List;

/** Log records (and events, which are log records with an event name) grouped by resource and scope. */
public record LogBatch(List<ResourceLogs> resourceLogs, int itemCount, RequestMetadata metadata) implements Batch {


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
    public int resourceCount() {
        return resourceLogs.size();
    }

    @Override
    public boolean isEmpty() {
        return itemCount == 0;
    }
}
