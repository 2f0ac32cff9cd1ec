package io.meltgate.core.testing;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A real OTLP/gRPC server on 127.0.0.1 and an ephemeral port that records every request, for end-to-end
 * tests of exporters and of the whole gateway. It can answer with an error status instead (to play an
 * outage or a rejecting backend).
 */
public final class OtlpRecordingServer implements AutoCloseable {

    private final Server server;
    private final List<ResourceSpans> spans = new ArrayList<>();
    private final List<ResourceMetrics> metrics = new ArrayList<>();
    private final List<ResourceLogs> logs = new ArrayList<>();
    private final AtomicReference<Status> failWith = new AtomicReference<>();
    private long spanCount;
    private long pointCount;
    private long logCount;
    private long requests;

    private OtlpRecordingServer() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                    @Override
                    public void export(ExportTraceServiceRequest req, StreamObserver<ExportTraceServiceResponse> out) {
                        if (fail(out)) {
                            return;
                        }
                        synchronized (OtlpRecordingServer.this) {
                            spans.addAll(req.getResourceSpansList());
                            spanCount += SpanBatch.countSpans(req.getResourceSpansList());
                            requests++;
                            OtlpRecordingServer.this.notifyAll();
                        }
                        out.onNext(ExportTraceServiceResponse.getDefaultInstance());
                        out.onCompleted();
                    }
                })
                .addService(new MetricsServiceGrpc.MetricsServiceImplBase() {
                    @Override
                    public void export(ExportMetricsServiceRequest req, StreamObserver<ExportMetricsServiceResponse> out) {
                        if (fail(out)) {
                            return;
                        }
                        synchronized (OtlpRecordingServer.this) {
                            metrics.addAll(req.getResourceMetricsList());
                            pointCount += MetricBatch.countDataPoints(req.getResourceMetricsList());
                            requests++;
                            OtlpRecordingServer.this.notifyAll();
                        }
                        out.onNext(ExportMetricsServiceResponse.getDefaultInstance());
                        out.onCompleted();
                    }
                })
                .addService(new LogsServiceGrpc.LogsServiceImplBase() {
                    @Override
                    public void export(ExportLogsServiceRequest req, StreamObserver<ExportLogsServiceResponse> out) {
                        if (fail(out)) {
                            return;
                        }
                        synchronized (OtlpRecordingServer.this) {
                            logs.addAll(req.getResourceLogsList());
                            logCount += LogBatch.countLogRecords(req.getResourceLogsList());
                            requests++;
                            OtlpRecordingServer.this.notifyAll();
                        }
                        out.onNext(ExportLogsServiceResponse.getDefaultInstance());
                        out.onCompleted();
                    }
                })
                .build()
                .start();
    }

    public static OtlpRecordingServer start() throws IOException {
        return new OtlpRecordingServer();
    }

    private boolean fail(StreamObserver<?> out) {
        Status s = failWith.get();
        if (s != null) {
            out.onError(s.asRuntimeException());
            return true;
        }
        return false;
    }

    /** Answer every request with this status from now on (null to accept again). */
    public void failWith(Status status) {
        failWith.set(status);
    }

    public int port() {
        return server.getPort();
    }

    /** {@code 127.0.0.1:port}, as an exporter's {@code endpoint}. */
    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    public synchronized List<ResourceSpans> spans() {
        return List.copyOf(spans);
    }

    public synchronized List<ResourceMetrics> metrics() {
        return List.copyOf(metrics);
    }

    public synchronized List<ResourceLogs> logs() {
        return List.copyOf(logs);
    }

    public synchronized long spanCount() {
        return spanCount;
    }

    public synchronized long pointCount() {
        return pointCount;
    }

    public synchronized long logCount() {
        return logCount;
    }

    public synchronized long requests() {
        return requests;
    }

    public boolean awaitSpans(long n, Duration timeout) throws InterruptedException {
        return await(() -> spanCount, n, timeout);
    }

    public boolean awaitPoints(long n, Duration timeout) throws InterruptedException {
        return await(() -> pointCount, n, timeout);
    }

    public boolean awaitLogs(long n, Duration timeout) throws InterruptedException {
        return await(() -> logCount, n, timeout);
    }

    private synchronized boolean await(LongSupplier count, long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.getAsLong() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
