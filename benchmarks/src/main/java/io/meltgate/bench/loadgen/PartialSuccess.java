package io.meltgate.bench.loadgen;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meltgate.core.signal.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/** Reads the rejected item count from an OTLP export response (tiny; empty in the common case). */
final class PartialSuccess {

    private PartialSuccess() {
    }

    static long rejectedItems(Signal signal, byte[] response) {
        if (response == null || response.length == 0) {
            return 0;
        }
        try {
            return switch (signal) {
                case TRACES -> ExportTraceServiceResponse.parseFrom(response).getPartialSuccess().getRejectedSpans();
                case METRICS -> ExportMetricsServiceResponse.parseFrom(response).getPartialSuccess()
                        .getRejectedDataPoints();
                case LOGS -> ExportLogsServiceResponse.parseFrom(response).getPartialSuccess().getRejectedLogRecords();
            };
        } catch (InvalidProtocolBufferException e) {
            return 0;
        }
    }
}
