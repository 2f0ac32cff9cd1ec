package io.meltgate.exporter.otlphttp;

import static io.meltgate.exporter.testing.ExporterHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.Exporter;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.health.HealthStatus;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.OtlpHttpRecordingServer;
import io.meltgate.core.testing.OtlpHttpRecordingServer.Answer;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.exporter.testing.ExporterHarness;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpHttpExporterTest {

    private final ExporterHarness h = new ExporterHarness();
    private final OtlpFixtures fixtures = new OtlpFixtures(31);
    private OtlpHttpRecordingServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = OtlpHttpRecordingServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static OtlpHttpExporterSettings settings(String endpoint, String tracesEndpoint, String encoding,
                                                     String compression, QueueSettings queue) {
        return new OtlpHttpExporterSettings(endpoint, tracesEndpoint, null, null, encoding, compression,
                Map.of("x-honeycomb-team", "secret-key"), TlsClientSettings.defaults(), Duration.ofSeconds(5), queue,
                ExporterHarness.fastRetry());
    }

    private Exporter exporter(OtlpHttpExporterSettings s) throws Exception {
        assertEquals(List.of(), s.validate());
        Exporter e = new OtlpHttpExporterFactory().create(h.context("otlphttp"), s, EnumSet.allOf(Signal.class));
        e.start();
        return e;
    }

    private SpanBatch spans(int n) {
        return SpanBatch.of(fixtures.traceRequest(n), RequestMetadata.EMPTY);
    }

    @ParameterizedTest
    @CsvSource({"proto,gzip", "proto,none", "json,gzip", "json,none"})
    void everySignalArrivesIntactInBothEncodings(String encoding, String compression) throws Exception {
        Exporter exporter = exporter(settings(server.endpoint(), null, encoding, compression, QueueSettings.defaults()));
        SpanBatch spans = spans(12);
        MetricBatch metrics = MetricBatch.of(fixtures.metricsRequest(30), RequestMetadata.EMPTY);
        LogBatch logs = LogBatch.of(fixtures.logsRequest(9), RequestMetadata.EMPTY);
        exporter.consume(spans);
        exporter.consume(metrics);
        exporter.consume(logs);
        exporter.shutdown();
        assertEquals(spans.resourceSpans(), server.spans(), "ids, attributes, resource and scope intact");
        assertEquals(metrics.resourceMetrics(), server.metrics());
        assertEquals(logs.resourceLogs(), server.logs());
        String type = encoding.equals("json") ? "application/json" : "application/x-protobuf";
        for (OtlpHttpRecordingServer.Received r : server.received()) {
            assertEquals(type, r.contentType());
            assertEquals(compression.equals("gzip") ? "gzip" : null, r.contentEncoding());
            assertEquals(List.of("secret-key"), r.headers().get("X-honeycomb-team"));
        }
        assertEquals(List.of("/v1/traces", "/v1/metrics", "/v1/logs"),
                server.received().stream().map(OtlpHttpRecordingServer.Received::path).sorted(
                        java.util.Comparator.comparing(p -> List.of("/v1/traces", "/v1/metrics", "/v1/logs").indexOf(p)))
                        .toList());
        assertEquals(12, h.counter("otelcol_exporter_sent_spans", "otlphttp"));
        assertEquals(metrics.itemCount(), h.counter("otelcol_exporter_sent_metric_points", "otlphttp"));
        assertEquals(9, h.counter("otelcol_exporter_sent_log_records", "otlphttp"));
    }

    @Test
    void anOutageOf503WithRetryAfterIsRiddenOutEveryItemOnceInOrder() throws Exception {
        server.thenAnswer(
                new Answer(503, Map.of("Retry-After", "1"), new byte[0], "text/plain"),
                Answer.status(503),
                Answer.status(502),
                Answer.status(429),
                Answer.status(504));
        Exporter exporter = exporter(settings(server.endpoint(), null, "proto", "gzip",
                ExporterHarness.queue(1, 100, false)));
        List<ResourceSpans> sent = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            SpanBatch b = spans(3);
            sent.addAll(b.resourceSpans());
            exporter.consume(b);
        }
        assertTrue(server.awaitSpans(60, Duration.ofSeconds(10)));
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        exporter.shutdown();
        assertEquals(sent, server.spans(), "every span exactly once, in queue order");
        assertEquals(15, h.counter("meltgate_exporter_retried_spans", "otlphttp"), "5 retried tries of 3 spans");
        assertTrue(tookMillis >= 1000, "the Retry-After of 1s was waited, not the 20ms back-off: " + tookMillis + "ms");
        assertEquals(0, h.counter("otelcol_exporter_send_failed_spans", "otlphttp"));
        assertEquals(HealthStatus.HEALTHY, h.status("otlphttp"));
    }

    @Test
    void a400IsPermanentItsStatusMessageIsReadAndTheExporterGoesOn() throws Exception {
        byte[] status = com.google.rpc.Status.newBuilder().setCode(3).setMessage("span name must not be empty")
                .build().toByteArray();
        server.thenAnswer(new Answer(400, Map.of(), status, "application/x-protobuf"));
        Exporter exporter = exporter(settings(server.endpoint(), null, "proto", "gzip",
                ExporterHarness.queue(1, 100, false)));
        exporter.consume(spans(4));
        assertTrue(eventually(Duration.ofSeconds(5),
                () -> h.counter("otelcol_exporter_send_failed_spans", "otlphttp") == 4));
        String message = h.health.snapshot().get("exporter:otlphttp").message();
        assertTrue(message.contains("HTTP 400") && message.contains("span name must not be empty"), message);
        exporter.consume(spans(2));
        exporter.shutdown();
        assertEquals(2, server.spanCount());
        assertEquals(2, server.received().size(), "the rejected batch was tried once");
        assertEquals(0, h.counter("meltgate_exporter_retried_spans", "otlphttp"));
    }

    @Test
    void partialSuccessRejectionsAreCounted() throws Exception {
        server.successResponse(ExportTraceServiceResponse.newBuilder().setPartialSuccess(
                ExportTracePartialSuccess.newBuilder().setRejectedSpans(2).setErrorMessage("2 too old")).build());
        Exporter exporter = exporter(settings(server.endpoint(), null, "json", "none", QueueSettings.defaults()));
        exporter.consume(spans(5));
        exporter.shutdown();
        assertEquals(3, h.counter("otelcol_exporter_sent_spans", "otlphttp"));
        assertEquals(2, h.counter("otelcol_exporter_send_failed_spans", "otlphttp"));
    }

    @Test
    void aPerSignalEndpointIsUsedAsItIs() throws Exception {
        String dead = "http://127.0.0.1:" + ExporterHarness.deadPort();
        Exporter exporter = exporter(settings(dead, server.endpoint() + "/v1/traces", "proto", "gzip",
                QueueSettings.defaults()));
        exporter.consume(spans(3));
        exporter.shutdown();
        assertEquals(3, server.spanCount());
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        assertEquals(Duration.ofSeconds(120), OtlpHttpSender.parseRetryAfter("120"));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        Duration d = OtlpHttpSender.parseRetryAfter(inTenSeconds);
        assertTrue(d.compareTo(Duration.ofSeconds(8)) >= 0 && d.compareTo(Duration.ofSeconds(11)) <= 0, d.toString());
        assertEquals(Duration.ZERO, OtlpHttpSender.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertNull(OtlpHttpSender.parseRetryAfter("soon"));
    }

    @Test
    void validationNamesEachBadOption() {
        OtlpHttpExporterSettings bad = new OtlpHttpExporterSettings("ftp://x", null, null, null, "xml", "zstd",
                Map.of("Host", "x"), TlsClientSettings.defaults(), Duration.ofSeconds(1), QueueSettings.defaults(),
                ExporterHarness.fastRetry());
        List<String> problems = bad.validate();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("endpoint")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("encoding")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("compression")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("headers")), problems.toString());
    }
}
