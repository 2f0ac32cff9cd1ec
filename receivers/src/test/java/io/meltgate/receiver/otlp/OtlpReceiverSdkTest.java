package io.meltgate.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.otlp.json.OtlpJson;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpSpecExamples;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenTelemetry Java SDK's own exporters send to the receiver over gRPC and HTTP/protobuf, with and
 * without gzip, and the SDK's OTLP/JSON encoding is posted raw (the SDK's exporters do not offer JSON); every
 * signal arrives, after a real Disruptor pipeline, exactly as the SDK encoded it.
 */
class OtlpReceiverSdkTest {

    private static ReceiverUnderTest gateway;
    private static List<SpanData> spans;
    private static List<MetricData> metrics;
    private static List<LogRecordData> logs;
    private static ExportTraceServiceRequest expectedTraces;
    private static ExportMetricsServiceRequest expectedMetrics;
    private static ExportLogsServiceRequest expectedLogs;
    private final RawHttp http = new RawHttp();

    @BeforeAll
    static void start() throws Exception {
        gateway = ReceiverUnderTest.withPipelines(ReceiverUnderTest.both());
        spans = SdkTelemetry.spans(25);
        metrics = SdkTelemetry.metrics(6);
        logs = SdkTelemetry.logs(20);
        expectedTraces = SdkTelemetry.traceProto(spans);
        expectedMetrics = SdkTelemetry.metricsProto(metrics);
        expectedLogs = SdkTelemetry.logsProto(logs);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Runs one export and returns the one batch it produced at the end of the pipeline. */
    private static <B extends Batch> B exportOne(Signal signal, Class<B> type, java.util.concurrent.Callable<Boolean> export)
            throws Exception {
        int before = gateway.batches(signal).size();
        long itemsBefore = gateway.out(signal).itemCount();
        assertTrue(export.call(), "the exporter reports success");
        List<Batch> all;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            all = gateway.batches(signal);
        } while (all.size() == before && System.nanoTime() < deadline);
        assertEquals(before + 1, all.size(), "one request, one batch");
        assertTrue(gateway.out(signal).itemCount() > itemsBefore);
        return type.cast(all.get(all.size() - 1));
    }

    private static boolean ok(CompletableResultCode code) {
        return code.join(15, TimeUnit.SECONDS).isSuccess();
    }

    @ParameterizedTest(name = "{0} compression={1}")
    @CsvSource({"grpc,none", "grpc,gzip", "http,none", "http,gzip"})
    void sdkExportersDeliverEverySignalIntact(String transport, String compression) throws Exception {
        boolean grpc = transport.equals("grpc");
        String base = grpc ? "http://127.0.0.1:" + gateway.grpcPort() : gateway.httpBase();
        SpanExporter spanExporter = grpc
                ? OtlpGrpcSpanExporter.builder().setEndpoint(base).setCompression(compression)
                        .addHeader("x-tenant", "acme").build()
                : OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").setCompression(compression)
                        .addHeader("x-tenant", "acme").build();
        MetricExporter metricExporter = grpc
                ? OtlpGrpcMetricExporter.builder().setEndpoint(base).setCompression(compression).build()
                : OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics").setCompression(compression).build();
        LogRecordExporter logExporter = grpc
                ? OtlpGrpcLogRecordExporter.builder().setEndpoint(base).setCompression(compression).build()
                : OtlpHttpLogRecordExporter.builder().setEndpoint(base + "/v1/logs").setCompression(compression).build();
        try {
            SpanBatch sb = exportOne(Signal.TRACES, SpanBatch.class, () -> ok(spanExporter.export(spans)));
            assertEquals(expectedTraces, sb.toRequest());
            assertEquals(spans.size(), sb.itemCount());
            assertEquals("acme", sb.metadata().header("x-tenant"), "include_metadata carries the headers");
            assertEquals("127.0.0.1", sb.metadata().clientAddress());

            MetricBatch mb = exportOne(Signal.METRICS, MetricBatch.class, () -> ok(metricExporter.export(metrics)));
            assertEquals(expectedMetrics, mb.toRequest());

            LogBatch lb = exportOne(Signal.LOGS, LogBatch.class, () -> ok(logExporter.export(logs)));
            assertEquals(expectedLogs, lb.toRequest());
            assertEquals(logs.size(), lb.itemCount());
        } finally {
            spanExporter.shutdown();
            metricExporter.shutdown();
            logExporter.shutdown();
        }
        assertTrue(gateway.metricsView(transport).acceptedCount(Signal.TRACES) >= spans.size());
    }

    @ParameterizedTest(name = "content-encoding={0}")
    @ValueSource(strings = {"identity", "gzip", "deflate"})
    void theSdksOwnJsonEncodingArrivesIntactWithAJsonAnswer(String encoding) throws Exception {
        for (Signal signal : Signal.values()) {
            byte[] json = switch (signal) {
                case TRACES -> SdkTelemetry.traceJson(spans);
                case METRICS -> SdkTelemetry.metricsJson(metrics);
                case LOGS -> SdkTelemetry.logsJson(logs);
            };
            byte[] body = switch (encoding) {
                case "gzip" -> RawHttp.gzip(json);
                case "deflate" -> RawHttp.deflate(json);
                default -> json;
            };
            String path = "/v1/" + (signal == Signal.TRACES ? "traces" : signal.name().toLowerCase());
            HttpResponse<byte[]>[] answer = new HttpResponse[1];
            Batch b = exportOne(signal, Batch.class, () -> {
                answer[0] = http.post(gateway.httpBase() + path, "application/json", encoding, body);
                return answer[0].statusCode() == 200;
            });
            assertEquals("application/json", answer[0].headers().firstValue("content-type").orElse(""));
            assertEquals("meltgate", answer[0].headers().firstValue("x-served-by").orElse(""), "response_headers");
            switch (signal) {
                case TRACES -> assertEquals(expectedTraces, ((SpanBatch) b).toRequest());
                case METRICS -> assertEquals(expectedMetrics, ((MetricBatch) b).toRequest());
                case LOGS -> assertEquals(expectedLogs, ((LogBatch) b).toRequest());
            }
        }
    }

    @Test
    void theSpecificationsJsonExamplesArriveAsTheirProtobufTwins() throws Exception {
        HttpResponse<byte[]>[] answer = new HttpResponse[1];
        SpanBatch t = exportOne(Signal.TRACES, SpanBatch.class, () -> {
            answer[0] = http.post(gateway.httpBase() + "/v1/traces", "application/json; charset=utf-8", null,
                    OtlpSpecExamples.traceJson());
            return answer[0].statusCode() == 200;
        });
        assertEquals(OtlpSpecExamples.traceProto(), t.toRequest());
        assertEquals(ExportTraceServiceResponse.getDefaultInstance(),
                OtlpJson.merge(answer[0].body(), ExportTraceServiceResponse.newBuilder()).build());
        MetricBatch m = exportOne(Signal.METRICS, MetricBatch.class, () -> http.post(gateway.httpBase() + "/v1/metrics",
                "application/json", null, OtlpSpecExamples.metricsJson()).statusCode() == 200);
        assertEquals(OtlpSpecExamples.metricsProto(), m.toRequest());
        LogBatch l = exportOne(Signal.LOGS, LogBatch.class, () -> http.post(gateway.httpBase() + "/v1/logs",
                "application/json", null, OtlpSpecExamples.logsJson()).statusCode() == 200);
        assertEquals(OtlpSpecExamples.logsProto(), l.toRequest());
    }
}
