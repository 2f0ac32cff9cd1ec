package io.meltgate.exporter.otlp;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractBlockingStub;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.BatchSender;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.delivery.SendResult;
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
 * Sends one batch as one OTLP/gRPC Export call (the request built once, from the batch's decoded data), and
 * reads the answer: {@code partial_success} rejections are reported to the engine, errors classified by
 * {@link GrpcErrors}. Blocking calls: the delivery engine's sender threads are what waits.
 */
final class OtlpGrpcSender implements BatchSender {

    private final GrpcClientSettings settings;
    private volatile GrpcClientChannel client;
    private volatile TraceServiceGrpc.TraceServiceBlockingStub traces;
    private volatile MetricsServiceGrpc.MetricsServiceBlockingStub metrics;
    private volatile LogsServiceGrpc.LogsServiceBlockingStub logs;

    OtlpGrpcSender(GrpcClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() throws Exception {
        client = GrpcClientChannel.open(settings);
        traces = TraceServiceGrpc.newBlockingStub(client.channel());
        metrics = MetricsServiceGrpc.newBlockingStub(client.channel());
        logs = LogsServiceGrpc.newBlockingStub(client.channel());
    }

    @Override
    public SendResult send(Batch batch, Duration timeout) throws SendException {
        try {
            if (batch instanceof SpanBatch b) {
                ExportTraceServiceResponse r = prepare(traces, timeout).export(b.toRequest());
                return SendResult.partial(r.getPartialSuccess().getRejectedSpans(),
                        r.getPartialSuccess().getErrorMessage());
            } else if (batch instanceof MetricBatch b) {
                ExportMetricsServiceResponse r = prepare(metrics, timeout).export(b.toRequest());
                return SendResult.partial(r.getPartialSuccess().getRejectedDataPoints(),
                        r.getPartialSuccess().getErrorMessage());
            } else {
                ExportLogsServiceResponse r = prepare(logs, timeout).export(((LogBatch) batch).toRequest());
                return SendResult.partial(r.getPartialSuccess().getRejectedLogRecords(),
                        r.getPartialSuccess().getErrorMessage());
            }
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.classify("OTLP export of " + batch.signal(), e);
        }
    }

    private <S extends AbstractBlockingStub<S>> S prepare(S stub, Duration timeout) {
        S s = stub;
        if (!timeout.isZero()) {
            s = s.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (client.compressor() != null) {
            s = s.withCompression(client.compressor());
        }
        return s;
    }

    @Override
    public void shutdown() {
        if (client != null) {
            client.close();
        }
    }
}
