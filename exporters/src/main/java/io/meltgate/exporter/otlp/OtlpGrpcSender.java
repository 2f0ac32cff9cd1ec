package io.meltgate.exporter.otlp;

import io.grpc.StatusRuntimeException;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.BatchSender;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.delivery.SendResult;
import io.meltgate.core.otlp.wire.ExportRequestEncoder;
import io.meltgate.exporter.grpcclient.GrpcClientChannel;
import io.meltgate.exporter.grpcclient.GrpcClientSettings;
import io.meltgate.exporter.grpcclient.GrpcErrors;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends one batch as one OTLP/gRPC Export call (the request encoded once, from the received bytes where the
 * data did not change), and
 * reads the answer: {@code partial_success} rejections are reported to the engine, errors classified by
 * {@link GrpcErrors}. Blocking calls: the delivery engine's sender threads are what waits.
 */
final class OtlpGrpcSender implements BatchSender {

    private final GrpcClientSettings settings;
    private volatile GrpcClientChannel client;

    OtlpGrpcSender(GrpcClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() throws Exception {
        client = GrpcClientChannel.open(settings);
    }

    @Override
    public SendResult send(Batch batch, Duration timeout) throws SendException {
        // Encoded once, copying the received bytes of every resource entry that was not changed on the way.
        byte[] request = ExportRequestEncoder.encode(batch);
        try {
            if (batch instanceof SpanBatch) {
                ExportTraceServiceResponse r = ClientCalls.blockingUnaryCall(client.channel(), TRACES, options(timeout), request);
                return SendResult.partial(r.getPartialSuccess().getRejectedSpans(),
                        r.getPartialSuccess().getErrorMessage());
            } else if (batch instanceof MetricBatch) {
                ExportMetricsServiceResponse r = ClientCalls.blockingUnaryCall(client.channel(), METRICS, options(timeout), request);
                return SendResult.partial(r.getPartialSuccess().getRejectedDataPoints(),
                        r.getPartialSuccess().getErrorMessage());
            } else {
                ExportLogsServiceResponse r = ClientCalls.blockingUnaryCall(client.channel(), LOGS, options(timeout), request);
                return SendResult.partial(r.getPartialSuccess().getRejectedLogRecords(),
                        r.getPartialSuccess().getErrorMessage());
            }
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.classify("OTLP export of " + batch.signal(), e);
        }
    }

    private CallOptions options(Duration timeout) {
        CallOptions o = CallOptions.DEFAULT;
        if (!timeout.isZero()) {
            o = o.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (client.compressor() != null) {
            o = o.withCompression(client.compressor());
        }
        return o;
    }

    /** The OTLP Export methods with the request as ready-made bytes (see {@link ExportRequestEncoder}). */
    private static final MethodDescriptor<byte[], ExportTraceServiceResponse> TRACES =
            exportMethod(TraceServiceGrpc.getExportMethod(), ExportTraceServiceResponse.getDefaultInstance());
    private static final MethodDescriptor<byte[], ExportMetricsServiceResponse> METRICS =
            exportMethod(MetricsServiceGrpc.getExportMethod(), ExportMetricsServiceResponse.getDefaultInstance());
    private static final MethodDescriptor<byte[], ExportLogsServiceResponse> LOGS =
            exportMethod(LogsServiceGrpc.getExportMethod(), ExportLogsServiceResponse.getDefaultInstance());

    private static <R extends com.google.protobuf.Message> MethodDescriptor<byte[], R> exportMethod(
            MethodDescriptor<?, ?> generated, R response) {
        return MethodDescriptor.<byte[], R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(generated.getFullMethodName())
                .setRequestMarshaller(RequestBytes.MARSHALLER)
                .setResponseMarshaller(ProtoUtils.marshaller(response))
                .build();
    }

    /** Request bodies that are already protobuf bytes. */
    private enum RequestBytes implements MethodDescriptor.Marshaller<byte[]> {
        MARSHALLER;

        @Override
        public java.io.InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream stream) {
            throw new UnsupportedOperationException("this client only sends requests");
        }
    }

    @Override
    public void shutdown() {
        if (client != null) {
            client.close();
        }
    }
}
