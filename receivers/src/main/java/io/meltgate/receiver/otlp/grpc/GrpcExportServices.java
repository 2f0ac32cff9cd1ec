package io.meltgate.receiver.otlp.grpc;

import io.grpc.stub.StreamObserver;
import io.meltgate.core.telemetry.ReceiverMetrics;
import io.meltgate.receiver.otlp.ExportOutcome;
import io.meltgate.receiver.otlp.OtlpIngest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/**
 * The three OTLP {@code Export} services. gRPC has already decoded (and, for gzip, decompressed) the request
 * on the transport thread; each service hands it to {@link OtlpIngest} and words the outcome: a response
 * (with {@code partial_success} when items were rejected) or a refusal status from {@link GrpcRefusals}.
 */
final class GrpcExportServices {

    private GrpcExportServices() {
    }

    static final class Traces extends TraceServiceGrpc.TraceServiceImplBase {
        private final OtlpIngest ingest;
        private final ReceiverMetrics metrics;

        Traces(OtlpIngest ingest, ReceiverMetrics metrics) {
            this.ingest = ingest;
            this.metrics = metrics;
        }

        @Override
        public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> answer) {
            ExportOutcome o = ingest.traces(request, GrpcRequestMetadata.current(), metrics);
            if (o.kind() != ExportOutcome.Kind.ACCEPTED) {
                answer.onError(GrpcRefusals.of(o));
                return;
            }
            ExportTraceServiceResponse.Builder r = ExportTraceServiceResponse.newBuilder();
            if (o.isPartial()) {
                r.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(o.rejectedItems()).setErrorMessage(o.message()));
            }
            answer.onNext(r.build());
            answer.onCompleted();
        }
    }

    static final class Metrics extends MetricsServiceGrpc.MetricsServiceImplBase {
        private final OtlpIngest ingest;
        private final ReceiverMetrics metrics;

        Metrics(OtlpIngest ingest, ReceiverMetrics metrics) {
            this.ingest = ingest;
            this.metrics = metrics;
        }

        @Override
        public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> answer) {
            ExportOutcome o = ingest.metrics(request, GrpcRequestMetadata.current(), metrics);
            if (o.kind() != ExportOutcome.Kind.ACCEPTED) {
                answer.onError(GrpcRefusals.of(o));
                return;
            }
            ExportMetricsServiceResponse.Builder r = ExportMetricsServiceResponse.newBuilder();
            if (o.isPartial()) {
                r.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                        .setRejectedDataPoints(o.rejectedItems()).setErrorMessage(o.message()));
            }
            answer.onNext(r.build());
            answer.onCompleted();
        }
    }

    static final class Logs extends LogsServiceGrpc.LogsServiceImplBase {
        private final OtlpIngest ingest;
        private final ReceiverMetrics metrics;

        Logs(OtlpIngest ingest, ReceiverMetrics metrics) {
            this.ingest = ingest;
            this.metrics = metrics;
        }

        @Override
        public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> answer) {
            ExportOutcome o = ingest.logs(request, GrpcRequestMetadata.current(), metrics);
            if (o.kind() != ExportOutcome.Kind.ACCEPTED) {
                answer.onError(GrpcRefusals.of(o));
                return;
            }
            ExportLogsServiceResponse.Builder r = ExportLogsServiceResponse.newBuilder();
            if (o.isPartial()) {
                r.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(o.rejectedItems()).setErrorMessage(o.message()));
            }
            answer.onNext(r.build());
            answer.onCompleted();
        }
    }
}
