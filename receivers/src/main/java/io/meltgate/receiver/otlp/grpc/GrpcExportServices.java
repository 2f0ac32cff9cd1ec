package io.meltgate.receiver.otlp.grpc;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.otlp.wire.ExportRequestDecoder;
import io.meltgate.receiver.otlp.ExportOutcome;
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
import io.meltgate.core.telemetry.ReceiverMetrics;
import io.meltgate.receiver.otlp.OtlpIngest;
import java.util.function.Function;

/**
 * The three OTLP {@code Export} services, under the service and method names of the generated
 * {@code TraceServiceGrpc} / {@code MetricsServiceGrpc} / {@code LogsServiceGrpc}, but with a request
 * marshaller of our own ({@link DecodingMarshaller}) so undecodable data is answered INVALID_ARGUMENT. Each
 * hands the decoded request to {@link OtlpIngest} and words the outcome: a response (with
 * {@code partial_success} when items were rejected) or a refusal from {@link GrpcRefusals}.
 */
final class GrpcExportServices {

    private GrpcExportServices() {
    }

    /** Hands a decoded request, with its resource entries' received bytes, to the shared ingest. */
    @FunctionalInterface
    private interface Ingest<Q> {
        ExportOutcome apply(ExportRequestDecoder.Decoded<Q> request, RequestMetadata metadata);
    }

    static ServerServiceDefinition traces(OtlpIngest ingest, ReceiverMetrics metrics) {
        return service(TraceServiceGrpc.getExportMethod(), ExportRequestDecoder::traces,
                ExportTraceServiceResponse.getDefaultInstance(),
                (request, md) -> ingest.traces(request, md, metrics),
                o -> {
                    ExportTraceServiceResponse.Builder r = ExportTraceServiceResponse.newBuilder();
                    if (o.isPartial()) {
                        r.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                                .setRejectedSpans(o.rejectedItems()).setErrorMessage(o.message()));
                    }
                    return r.build();
                });
    }

    static ServerServiceDefinition metrics(OtlpIngest ingest, ReceiverMetrics metrics) {
        return service(MetricsServiceGrpc.getExportMethod(), ExportRequestDecoder::metrics,
                ExportMetricsServiceResponse.getDefaultInstance(),
                (request, md) -> ingest.metrics(request, md, metrics),
                o -> {
                    ExportMetricsServiceResponse.Builder r = ExportMetricsServiceResponse.newBuilder();
                    if (o.isPartial()) {
                        r.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                                .setRejectedDataPoints(o.rejectedItems()).setErrorMessage(o.message()));
                    }
                    return r.build();
                });
    }

    static ServerServiceDefinition logs(OtlpIngest ingest, ReceiverMetrics metrics) {
        return service(LogsServiceGrpc.getExportMethod(), ExportRequestDecoder::logs,
                ExportLogsServiceResponse.getDefaultInstance(),
                (request, md) -> ingest.logs(request, md, metrics),
                o -> {
                    ExportLogsServiceResponse.Builder r = ExportLogsServiceResponse.newBuilder();
                    if (o.isPartial()) {
                        r.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                                .setRejectedLogRecords(o.rejectedItems()).setErrorMessage(o.message()));
                    }
                    return r.build();
                });
    }

    private static <Q extends Message, R extends Message> ServerServiceDefinition service(
            MethodDescriptor<?, ?> generated, DecodingMarshaller.BodyDecoder<Q> decoder, R responseType,
            Ingest<Q> ingest, Function<ExportOutcome, R> response) {
        MethodDescriptor<DecodingMarshaller.Decoded<Q>, R> method = MethodDescriptor
                .<DecodingMarshaller.Decoded<Q>, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(generated.getFullMethodName())
                .setRequestMarshaller(new DecodingMarshaller<>(decoder))
                .setResponseMarshaller(ProtoUtils.marshaller(responseType))
                .build();
        ServerCalls.UnaryMethod<DecodingMarshaller.Decoded<Q>, R> handler =
                (DecodingMarshaller.Decoded<Q> decoded, StreamObserver<R> answer) -> {
                    if (decoded.failure() != null) {
                        answer.onError(decoded.failure().asRuntimeException());
                        return;
                    }
                    ExportOutcome o = ingest.apply(decoded.request(), GrpcRequestMetadata.current());
                    if (o.kind() != ExportOutcome.Kind.ACCEPTED) {
                        answer.onError(GrpcRefusals.of(o));
                        return;
                    }
                    answer.onNext(response.apply(o));
                    answer.onCompleted();
                };
        return ServerServiceDefinition.builder(generated.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall(handler))
                .build();
    }
}
