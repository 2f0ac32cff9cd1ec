package io.meltgate.exporter.prometheusremotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.delivery.SendResult;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.exporter.prometheusremotewrite.wire.WriteRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xerial.snappy.Snappy;

/** The sender against a real HTTP server on loopback that records requests and answers as told. */
class RemoteWriteSenderTest {

    record Received(Map<String, List<String>> headers, WriteRequest body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile String retryAfter;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/write", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), WriteRequest.parseFrom(Snappy.uncompress(body))));
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] answer = status >= 400 ? "out of bounds".getBytes() : new byte[0];
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write";
    }

    private RemoteWriteSender sender(PrometheusRemoteWriteSettings s) throws Exception {
        RemoteWriteSender sender = new RemoteWriteSender(s, new ComponentContext(ComponentId.parse("prometheusremotewrite"),
                ComponentKind.EXPORTER, meters, HealthReporter.NONE));
        sender.start();
        return sender;
    }

    private PrometheusRemoteWriteSettings settings(Map<String, String> headers, int maxBytes) {
        PrometheusRemoteWriteSettings d = new PrometheusRemoteWriteFactory().defaultSettings();
        return new PrometheusRemoteWriteSettings(endpoint(), headers, d.tls(), d.compression(), Duration.ofSeconds(5),
                d.retryOnFailure(), d.namespace(), d.remoteWriteQueue(), d.externalLabels(), maxBytes,
                d.maxBatchRequestParallelism(), d.resourceToTelemetryConversion(), d.targetInfo(), d.disableScopeInfo(),
                d.addMetricSuffixes(), d.translationStrategy(), d.sendMetadata(), d.protobufMessage(),
                d.exportCreatedMetric(), List.of("x-scope-orgid"), d.wal());
    }

    private static MetricBatch batch(int points) {
        return MetricBatch.of(new OtlpFixtures(11).metricsRequest(points),
                new RequestMetadata("127.0.0.1", Map.of("x-scope-orgid", List.of("tenant-7"))));
    }

    @Test
    void postsSnappyProtobufWithTheProtocolHeaders() throws Exception {
        RemoteWriteSender sender = sender(settings(Map.of("Authorization", "Bearer abc", "Content-Type", "text/plain"), 3_000_000));
        assertEquals(SendResult.OK, sender.send(batch(30), Duration.ofSeconds(5)));
        assertEquals(1, received.size());
        Received r = received.get(0);
        assertEquals("snappy", r.header("Content-Encoding"));
        assertEquals("application/x-protobuf", r.header("Content-Type"), "configured headers cannot replace protocol headers");
        assertEquals("0.1.0", r.header("X-Prometheus-Remote-Write-Version"));
        assertTrue(r.header("User-Agent").startsWith("meltgate/"), r.header("User-Agent"));
        assertEquals("Bearer abc", r.header("Authorization"));
        assertEquals("tenant-7", r.header("X-Scope-OrgID"), "include_metadata_keys forwards request metadata");
        assertTrue(r.body().getTimeseriesCount() > 10);
        assertTrue(meters.get("otelcol_exporter_prometheusremotewrite_translated_time_series").counter().count() > 10);
    }

    @Test
    void splitsLargeBatchesIntoSeveralRequests() throws Exception {
        RemoteWriteSender sender = sender(settings(Map.of(), 4_000));
        sender.send(batch(300), Duration.ofSeconds(5));
        assertTrue(received.size() > 3, "" + received.size());
        int series = received.stream().mapToInt(r -> r.body().getTimeseriesCount()).sum();
        int expected = new PrometheusConverter(ConversionOptions.from(settings(Map.of(), 4_000)))
                .convert(batch(300).resourceMetrics()).seriesCount();
        assertEquals(expected, series);
    }

    @ParameterizedTest(name = "HTTP {0} -> retryable={1}, retry-after={2}")
    @CsvSource({
            "400, false, ",
            "401, false, ",
            "404, false, ",
            "413, false, ",
            "429, true, 7",
            "500, true, ",
            "502, true, ",
            "503, true, 3",
            "504, true, "})
    void classifiesStatuses(int code, boolean retryable, Integer after) throws Exception {
        status = code;
        retryAfter = after == null ? null : after.toString();
        RemoteWriteSender sender = sender(settings(Map.of(), 3_000_000));
        SendException e = assertThrows(SendException.class, () -> sender.send(batch(10), Duration.ofSeconds(5)));
        assertEquals(retryable, e.isRetryable(), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(code)), e.getMessage());
        assertEquals(after == null ? null : Duration.ofSeconds(after), e.retryAfter().orElse(null));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        Duration d = RemoteWriteSender.parseRetryAfter(inTenSeconds).orElseThrow();
        assertTrue(d.getSeconds() >= 8 && d.getSeconds() <= 10, d.toString());
        assertFalse(RemoteWriteSender.parseRetryAfter("soon").isPresent());
    }

    @Test
    void unreachableEndpointIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrometheusRemoteWriteSettings d = settings(Map.of(), 3_000_000);
        PrometheusRemoteWriteSettings s = new PrometheusRemoteWriteSettings("http://127.0.0.1:" + port + "/api/v1/write",
                d.headers(), d.tls(), d.compression(), d.timeout(), d.retryOnFailure(), d.namespace(), d.remoteWriteQueue(),
                d.externalLabels(), d.maxBatchSizeBytes(), d.maxBatchRequestParallelism(), d.resourceToTelemetryConversion(),
                d.targetInfo(), d.disableScopeInfo(), d.addMetricSuffixes(), d.translationStrategy(), d.sendMetadata(),
                d.protobufMessage(), d.exportCreatedMetric(), d.includeMetadataKeys(), d.wal());
        SendException e = assertThrows(SendException.class, () -> sender(s).send(batch(5), Duration.ofSeconds(2)));
        assertTrue(e.isRetryable(), e.getMessage());
    }

    @Test
    void unconvertibleMetricsAreReportedAsRejectedItems() throws Exception {
        var request = io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest.newBuilder()
                .addAllResourceMetrics(Otlp.one(Otlp.service(),
                        Otlp.sum("deltas", "", true, Otlp.DELTA, Otlp.point(1), Otlp.point(2), Otlp.point(3)),
                        Otlp.gauge("fine", "", Otlp.point(1)))).build();
        SendResult r = sender(settings(Map.of(), 3_000_000)).send(MetricBatch.of(request, RequestMetadata.EMPTY), Duration.ofSeconds(5));
        assertEquals(3, r.rejectedItems());
        assertTrue(r.message().contains("invalid temporality"), r.message());
        assertEquals(1.0, meters.get("otelcol_exporter_prometheusremotewrite_failed_translations").counter().count());
        assertEquals(1, received.size(), "what could be converted was sent");
    }
}
