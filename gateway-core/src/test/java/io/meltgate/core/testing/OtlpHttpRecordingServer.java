package io.meltgate.core.testing;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.otlp.json.OtlpJson;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP server (the JDK's HttpServer) on 127.0.0.1 and an ephemeral port that records what arrives
 * on {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs}, in protobuf or JSON, gzip or not. Answers
 * can be scripted (status, headers, body) to play an outage, throttling or a rejecting backend; once the
 * script is used up it accepts with an empty export response in the request's encoding.
 */
public final class OtlpHttpRecordingServer implements AutoCloseable {

    /** A scripted answer. */
    public record Answer(int status, Map<String, String> headers, byte[] body, String contentType) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), new byte[0], "text/plain");
        }
    }

    /** One request as it arrived. */
    public record Received(String path, String contentType, String contentEncoding, Map<String, List<String>> headers,
                           boolean accepted) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final List<ResourceSpans> spans = new ArrayList<>();
    private final List<ResourceMetrics> metrics = new ArrayList<>();
    private final List<ResourceLogs> logs = new ArrayList<>();
    private long spanCount;
    private long pointCount;
    private long logCount;
    private Message successResponse;

    private OtlpHttpRecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static OtlpHttpRecordingServer start() throws IOException {
        return new OtlpHttpRecordingServer();
    }

    /** The next requests get these answers, in order. */
    public synchronized OtlpHttpRecordingServer thenAnswer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Accepted requests are answered with this message (a response with a partial_success, say). */
    public synchronized void successResponse(Message response) {
        successResponse = response;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
            byte[] raw = ex.getRequestBody().readAllBytes();
            Answer answer;
            synchronized (this) {
                answer = script.pollFirst();
                received.add(new Received(path, type, encoding, Map.copyOf(ex.getRequestHeaders()), answer == null));
            }
            if (answer != null) {
                answer.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                ex.getResponseHeaders().add("Content-Type", answer.contentType());
                respond(ex, answer.status(), answer.body());
                return;
            }
            boolean json = type != null && type.startsWith("application/json");
            InputStream in = new ByteArrayInputStream(raw);
            if ("gzip".equalsIgnoreCase(encoding)) {
                in = new GZIPInputStream(in);
            }
            byte[] body = in.readAllBytes();
            Message response;
            switch (path) {
                case "/v1/traces" -> {
                    ExportTraceServiceRequest r = json ? OtlpJson.decodeTraceRequest(body) : ExportTraceServiceRequest.parseFrom(body);
                    synchronized (this) {
                        spans.addAll(r.getResourceSpansList());
                        spanCount += SpanBatch.countSpans(r.getResourceSpansList());
                        notifyAll();
                    }
                    response = ExportTraceServiceResponse.getDefaultInstance();
                }
                case "/v1/metrics" -> {
                    ExportMetricsServiceRequest r = json ? OtlpJson.decodeMetricsRequest(body) : ExportMetricsServiceRequest.parseFrom(body);
                    synchronized (this) {
                        metrics.addAll(r.getResourceMetricsList());
                        pointCount += MetricBatch.countDataPoints(r.getResourceMetricsList());
                        notifyAll();
                    }
                    response = ExportMetricsServiceResponse.getDefaultInstance();
                }
                case "/v1/logs" -> {
                    ExportLogsServiceRequest r = json ? OtlpJson.decodeLogsRequest(body) : ExportLogsServiceRequest.parseFrom(body);
                    synchronized (this) {
                        logs.addAll(r.getResourceLogsList());
                        logCount += LogBatch.countLogRecords(r.getResourceLogsList());
                        notifyAll();
                    }
                    response = ExportLogsServiceResponse.getDefaultInstance();
                }
                default -> {
                    respond(ex, 404, new byte[0]);
                    return;
                }
            }
            synchronized (this) {
                if (successResponse != null) {
                    response = successResponse;
                }
            }
            ex.getResponseHeaders().add("Content-Type", json ? "application/json" : "application/x-protobuf");
            respond(ex, 200, json ? OtlpJson.encode(response) : response.toByteArray());
        } catch (IOException | RuntimeException e) {
            // An undecodable request: answer 400 as an OTLP server would.
            try {
                respond(ex, 400, String.valueOf(e).getBytes());
            } catch (IOException ignored) {
                // the client went away
            }
        }
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port}, as an otlphttp exporter's {@code endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
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

    public synchronized boolean awaitSpans(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spanCount < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
