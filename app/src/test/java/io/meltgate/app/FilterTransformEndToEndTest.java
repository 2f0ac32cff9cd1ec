package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.config.ConfigLoader;
import io.meltgate.config.ConfigSource;
import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.service.Service;
import io.meltgate.core.testing.OtlpRecordingServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 end to end: the OpenTelemetry Java SDK exports spans, logs and metrics over OTLP/gRPC to a gateway built
 * from YAML whose pipelines run {@code filter -> transform -> attributes -> resource -> batch} before the otlp
 * exporter; the OTLP server in the test receives exactly the survivors, rewritten as configured, and the filter's
 * counters on the gateway's /metrics equal what was dropped.
 */
class FilterTransformEndToEndTest {

    private static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), "task-master",
            AttributeKey.stringKey("service.instance.id"), "tm-1")));

    /** One YAML for all three signals, written as a Collector user would write it. */
    private static final String PROCESSORS = """
            processors:
              filter:
                error_mode: ignore
                traces:
                  span:
                    - 'attributes["http.route"] == "/healthz"'
                metrics:
                  datapoint:
                    - 'attributes["http.route"] == "/healthz"'
                logs:
                  log_record:
                    - 'severity_number < SEVERITY_NUMBER_INFO'
              transform:
                error_mode: ignore
                trace_statements:
                  - context: span
                    statements:
                      - 'set(status.code, STATUS_CODE_ERROR) where attributes["http.response.status_code"] >= 500'
                metric_statements:
                  - context: datapoint
                    statements:
                      - 'delete_key(attributes, "user.id")'
                log_statements:
                  - context: log
                    statements:
                      - 'replace_pattern(body, "password=\\\\S+", "password=***")'
              attributes:
                actions:
                  - key: password
                    action: delete
                  - key: user.email
                    action: hash
              resource:
                attributes:
                  - key: deployment.environment
                    value: production
                    action: upsert
              batch:
                timeout: 50ms
            """;

    private OtlpRecordingServer backend;
    private Service gateway;
    private int grpcPort;

    @BeforeEach
    void startGateway() throws Exception {
        backend = OtlpRecordingServer.start();
        String yaml = """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:0
                %s
                exporters:
                  otlp:
                    endpoint: %s
                    tls:
                      insecure: true
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [filter, transform, attributes, resource, batch]
                      exporters: [otlp]
                    metrics:
                      receivers: [otlp]
                      processors: [filter, transform, attributes, resource, batch]
                      exporters: [otlp]
                    logs:
                      receivers: [otlp]
                      processors: [filter, transform, attributes, resource, batch]
                      exporters: [otlp]
                  telemetry:
                    metrics:
                      address: 127.0.0.1:0
                """.formatted(PROCESSORS, backend.endpoint());
        gateway = Service.build(new ConfigLoader(ComponentCatalog.load())
                .load(List.of(new ConfigSource("e2e-filter.yaml", yaml))).service());
        gateway.start();
        grpcPort = gateway.endpoint(ComponentId.of("otlp"), "grpc").orElseThrow().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void healthChecksAreDroppedSecretsRemovedAndErrorsMarked() throws Exception {
        OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
        Tracer tracer = provider.get("io.meltgate.e2e", "1.0");
        Map<String, Integer> keptStatusByName = new HashMap<>();
        Set<String> healthIds = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            boolean health = i % 3 == 0;
            int status = i % 5 == 1 ? 503 : 200;
            Span span = tracer.spanBuilder(health ? "GET /healthz" : "GET /tasks/" + i).setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.route", health ? "/healthz" : "/tasks/{id}")
                    .setAttribute("http.response.status_code", status)
                    .setAttribute("password", "hunter" + i)
                    .setAttribute("user.email", "user" + i + "@example.com")
                    .startSpan();
            span.end();
            if (health) {
                healthIds.add(span.getSpanContext().getSpanId());
            } else {
                keptStatusByName.put("GET /tasks/" + i, status);
            }
        }
        assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
        assertEquals(10, healthIds.size());
        assertTrue(backend.awaitSpans(20, Duration.ofSeconds(10)), "got " + backend.spanCount());
        SelfMetrics.assertValue(gateway, "otelcol_exporter_sent_spans_total{exporter=\"otlp\"}", 20);
        assertEquals(20, backend.spanCount(), "exactly the 20 spans that are not health checks");

        Map<String, Integer> seen = new HashMap<>();
        for (ResourceSpans rs : backend.spans()) {
            assertEquals("production", str(rs.getResource().getAttributesList(), "deployment.environment"));
            assertEquals("task-master", str(rs.getResource().getAttributesList(), "service.name"));
            for (var ss : rs.getScopeSpansList()) {
                for (var s : ss.getSpansList()) {
                    assertFalse(healthIds.contains(HexFormat.of().formatHex(s.getSpanId().toByteArray())), s.getName());
                    int n = Integer.parseInt(s.getName().substring("GET /tasks/".length()));
                    int status = keptStatusByName.get(s.getName());
                    seen.put(s.getName(), status);
                    assertNull(find(s.getAttributesList(), "password"), "password deleted");
                    assertEquals(sha256Hex("user" + n + "@example.com"), str(s.getAttributesList(), "user.email"));
                    assertEquals(status >= 500 ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_UNSET,
                            s.getStatus().getCode(), s.getName());
                    assertEquals("/tasks/{id}", str(s.getAttributesList(), "http.route"));
                }
            }
        }
        assertEquals(keptStatusByName, seen, "every survivor once");
        assertEquals(4, keptStatusByName.values().stream().filter(s -> s >= 500).count(), "the data has errors to mark");
        provider.shutdown().join(5, TimeUnit.SECONDS);

        SelfMetrics.assertValue(gateway, "otelcol_receiver_accepted_spans_total{receiver=\"otlp\",transport=\"grpc\"}", 30);
        SelfMetrics.assertValue(gateway, "otelcol_processor_filter_spans_filtered_total{processor=\"filter\"}", 10);
    }

    @Test
    void debugLogsAreDroppedAndPasswordsMaskedInBodies() throws Exception {
        OtlpGrpcLogRecordExporter exporter = OtlpGrpcLogRecordExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build();
        Logger logger = provider.get("io.meltgate.e2e");
        int debug = 0;
        for (int i = 0; i < 24; i++) {
            Severity severity = i % 4 == 0 ? Severity.DEBUG : i % 4 == 1 ? Severity.INFO : i % 4 == 2 ? Severity.WARN
                    : i % 8 == 3 ? Severity.TRACE : Severity.ERROR;
            if (severity.getSeverityNumber() < Severity.INFO.getSeverityNumber()) {
                debug++;
            }
            logger.logRecordBuilder().setSeverity(severity).setSeverityText(severity.name())
                    .setBody("login user=u" + i + " password=s3cr3t-" + i + " from 10.0.0." + i)
                    .setAttribute(AttributeKey.stringKey("password"), "s3cr3t-" + i)
                    .setAttribute(AttributeKey.longKey("seq"), (long) i)
                    .emit();
        }
        assertEquals(9, debug, "six DEBUG and three TRACE records");
        assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
        assertTrue(backend.awaitLogs(15, Duration.ofSeconds(10)), "got " + backend.logCount());
        SelfMetrics.assertValue(gateway, "otelcol_exporter_sent_log_records_total{exporter=\"otlp\"}", 15);
        assertEquals(15, backend.logCount());

        Set<Long> seqs = new HashSet<>();
        for (var rl : backend.logs()) {
            assertEquals("production", str(rl.getResource().getAttributesList(), "deployment.environment"));
            for (var sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) {
                    long seq = find(r.getAttributesList(), "seq").getIntValue();
                    assertTrue(seqs.add(seq), "once: " + seq);
                    assertTrue(r.getSeverityNumberValue() >= Severity.INFO.getSeverityNumber(), r.getSeverityText());
                    assertEquals("login user=u" + seq + " password=*** from 10.0.0." + seq, r.getBody().getStringValue());
                    assertNull(find(r.getAttributesList(), "password"), "password attribute deleted");
                }
            }
        }
        assertEquals(15, seqs.size());
        provider.shutdown().join(5, TimeUnit.SECONDS);
        SelfMetrics.assertValue(gateway, "otelcol_receiver_accepted_log_records_total{receiver=\"otlp\",transport=\"grpc\"}", 24);
        SelfMetrics.assertValue(gateway, "otelcol_processor_filter_logs_filtered_total{processor=\"filter\"}", 9);
    }

    @Test
    void healthPointsAreDroppedAndTheHighCardinalityLabelRemoved() throws Exception {
        OtlpGrpcMetricExporter exporter = OtlpGrpcMetricExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).build();
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE)
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build()).build();
        LongCounter requests = provider.get("io.meltgate.e2e").counterBuilder("http.server.requests").build();
        for (int user = 0; user < 6; user++) {
            requests.add(user + 1, Attributes.of(AttributeKey.stringKey("http.route"), "/tasks/{id}",
                    AttributeKey.stringKey("user.id"), "u" + user));
        }
        for (int user = 0; user < 3; user++) {
            requests.add(100, Attributes.of(AttributeKey.stringKey("http.route"), "/healthz",
                    AttributeKey.stringKey("user.id"), "u" + user));
        }
        // A metric whose points are all health checks disappears as a whole.
        provider.get("io.meltgate.e2e").counterBuilder("health.probes").build()
                .add(7, Attributes.of(AttributeKey.stringKey("http.route"), "/healthz"));
        assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
        assertTrue(backend.awaitPoints(6, Duration.ofSeconds(10)), "got " + backend.pointCount());
        SelfMetrics.assertValue(gateway, "otelcol_exporter_sent_metric_points_total{exporter=\"otlp\"}", 6);
        assertEquals(6, backend.pointCount());

        List<Metric> metrics = new ArrayList<>();
        for (ResourceMetrics rm : backend.metrics()) {
            assertEquals("production", str(rm.getResource().getAttributesList(), "deployment.environment"));
            rm.getScopeMetricsList().forEach(sm -> metrics.addAll(sm.getMetricsList()));
        }
        assertEquals(List.of("http.server.requests"), metrics.stream().map(Metric::getName).distinct().toList());
        List<Long> values = new ArrayList<>();
        for (Metric m : metrics) {
            for (NumberDataPoint p : m.getSum().getDataPointsList()) {
                assertEquals(List.of("http.route"), p.getAttributesList().stream().map(KeyValue::getKey).toList());
                assertEquals("/tasks/{id}", str(p.getAttributesList(), "http.route"));
                values.add(p.getAsInt());
            }
        }
        values.sort(null);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), values, "each user's point, without its user.id");

        SelfMetrics.assertValue(gateway, "otelcol_receiver_accepted_metric_points_total{receiver=\"otlp\",transport=\"grpc\"}", 10);
        SelfMetrics.assertValue(gateway, "otelcol_processor_filter_datapoints_filtered_total{processor=\"filter\"}", 4);
        // Not before: shutting the SDK down exports its cumulative metrics once more.
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static AnyValue find(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue).findFirst().orElse(null);
    }

    private static String str(List<KeyValue> attributes, String key) {
        AnyValue v = find(attributes, key);
        return v == null ? null : v.getStringValue();
    }
}
