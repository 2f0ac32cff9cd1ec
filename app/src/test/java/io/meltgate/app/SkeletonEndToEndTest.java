package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: the OpenTelemetry Java SDK exports traces, metrics and logs over OTLP/gRPC
 * to a gateway built from YAML (otlp receiver -> batch -> otlp exporter) on ephemeral ports; the exporter
 * delivers to a real OTLP/gRPC server in the test; every item arrives with its attributes, resource and ids,
 * and the gateway's own /metrics counts match.
 */
class SkeletonEndToEndTest {

    private static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), "e2e-service",
            AttributeKey.stringKey("service.instance.id"), "e2e-1")));

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
                processors:
                  batch:
                    timeout: 50ms
                exporters:
                  otlp:
                    endpoint: %s
                    tls:
                      insecure: true
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [otlp]
                    metrics:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [otlp]
                    logs:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [otlp]
                  telemetry:
                    metrics:
                      address: 127.0.0.1:0
                """.formatted(backend.endpoint());
        gateway = Service.build(new ConfigLoader(ComponentCatalog.load())
                .load(List.of(new ConfigSource("e2e.yaml", yaml))).service());
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
    void tracesArriveIntactAndAreCounted() throws Exception {
        OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
        Tracer tracer = provider.get("io.meltgate.e2e", "1.0");
        Map<String, String> sentIds = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            Span parent = tracer.spanBuilder("task.execute").setSpanKind(SpanKind.SERVER)
                    .setAttribute("task.id", "task-" + i).setAttribute("task.priority", i)
                    .setAttribute("task.cached", i % 2 == 0).setAttribute("task.score", i / 4.0).startSpan();
            try (Scope ignored = parent.makeCurrent()) {
                Span child = tracer.spanBuilder("llm.call").setSpanKind(SpanKind.CLIENT).startSpan();
                child.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 1L));
                child.setStatus(StatusCode.ERROR, "timeout");
                child.end();
                sentIds.put(child.getSpanContext().getSpanId(), child.getSpanContext().getTraceId());
            }
            parent.end();
            sentIds.put(parent.getSpanContext().getSpanId(), parent.getSpanContext().getTraceId());
        }
        assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
        assertTrue(backend.awaitSpans(50, Duration.ofSeconds(10)), "got " + backend.spanCount());
        assertEquals(50, backend.spanCount());

        Map<String, String> receivedIds = new HashMap<>();
        int withTaskAttributes = 0;
        for (ResourceSpans rs : backend.spans()) {
            assertEquals("e2e-service", attr(rs.getResource().getAttributesList(), "service.name"));
            assertEquals("e2e-1", attr(rs.getResource().getAttributesList(), "service.instance.id"));
            for (var ss : rs.getScopeSpansList()) {
                assertEquals("io.meltgate.e2e", ss.getScope().getName());
                assertEquals("1.0", ss.getScope().getVersion());
                for (var s : ss.getSpansList()) {
                    receivedIds.put(HexFormat.of().formatHex(s.getSpanId().toByteArray()),
                            HexFormat.of().formatHex(s.getTraceId().toByteArray()));
                    if (s.getName().equals("task.execute")) {
                        withTaskAttributes++;
                        assertTrue(attr(s.getAttributesList(), "task.id").startsWith("task-"));
                        assertEquals(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER, s.getKind());
                    } else {
                        assertEquals("retry", s.getEvents(0).getName());
                        assertEquals("timeout", s.getStatus().getMessage());
                        assertEquals(16, s.getParentSpanId().size() * 2);
                    }
                }
            }
        }
        assertEquals(sentIds, receivedIds, "every span id with its trace id");
        assertEquals(25, withTaskAttributes);
        provider.shutdown().join(5, TimeUnit.SECONDS);

        SelfMetrics.assertValue(gateway, "otelcol_receiver_accepted_spans_total{receiver=\"otlp\",transport=\"grpc\"}", 50);
        SelfMetrics.assertValue(gateway, "otelcol_exporter_sent_spans_total{exporter=\"otlp\"}", 50);
    }

    @Test
    void metricsArriveIntactAndAreCounted() throws Exception {
        OtlpGrpcMetricExporter exporter = OtlpGrpcMetricExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).build();
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE)
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build()).build();
        LongCounter counter = provider.get("io.meltgate.e2e").counterBuilder("tasks.completed").setUnit("{task}").build();
        for (String type : List.of("research", "plan", "code")) {
            counter.add(3, Attributes.of(AttributeKey.stringKey("task.type"), type));
        }
        provider.get("io.meltgate.e2e").histogramBuilder("task.duration").setUnit("ms").build()
                .record(42.0, Attributes.of(AttributeKey.stringKey("task.type"), "plan"));
        assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
        assertTrue(backend.awaitPoints(4, Duration.ofSeconds(10)), "got " + backend.pointCount());
        List<Metric> metrics = new ArrayList<>();
        backend.metrics().forEach(rm -> {
            assertEquals("e2e-service", attr(rm.getResource().getAttributesList(), "service.name"));
            rm.getScopeMetricsList().forEach(sm -> metrics.addAll(sm.getMetricsList()));
        });
        Metric completed = metrics.stream().filter(m -> m.getName().equals("tasks.completed")).findFirst().orElseThrow();
        assertEquals("{task}", completed.getUnit());
        assertTrue(completed.getSum().getIsMonotonic());
        assertEquals(3, completed.getSum().getDataPointsCount());
        completed.getSum().getDataPointsList().forEach(p -> assertEquals(3, p.getAsInt()));
        Metric duration = metrics.stream().filter(m -> m.getName().equals("task.duration")).findFirst().orElseThrow();
        assertEquals(42.0, duration.getHistogram().getDataPoints(0).getSum());
        assertEquals(4, backend.pointCount(), "three counter points and one histogram point");

        SelfMetrics.assertValue(gateway, "otelcol_receiver_accepted_metric_points_total{receiver=\"otlp\",transport=\"grpc\"}", 4);
        SelfMetrics.assertValue(gateway, "otelcol_exporter_sent_metric_points_total{exporter=\"otlp\"}", 4);
        // Not before: shutting the SDK down exports its cumulative metrics once more.
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }

    @Test
    void logsAndEventsArriveIntactAndAreCounted() throws Exception {
        OtlpGrpcLogRecordExporter exporter = OtlpGrpcLogRecordExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build();
        Span span = Span.wrap(SpanContext.create("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174",
                TraceFlags.getSampled(), TraceState.getDefault()));
        Logger logger = provider.get("io.meltgate.e2e");
        try (Scope ignored = span.makeCurrent()) {
            for (int i = 0; i < 12; i++) {
                logger.logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN")
                        .setBody("Task task-" + i + " expanded into 3 subtasks")
                        .setAttribute(AttributeKey.stringKey("task.id"), "task-" + i).emit();
            }
        }
        assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
        assertTrue(backend.awaitLogs(12, Duration.ofSeconds(10)), "got " + backend.logCount());
        List<LogRecord> records = new ArrayList<>();
        backend.logs().forEach(rl -> rl.getScopeLogsList().forEach(sl -> records.addAll(sl.getLogRecordsList())));
        assertEquals(12, records.size());
        for (LogRecord r : records) {
            assertTrue(r.getBody().getStringValue().matches("Task task-\\d+ expanded into 3 subtasks"));
            assertEquals("WARN", r.getSeverityText());
            assertEquals(span.getSpanContext().getTraceId(), HexFormat.of().formatHex(r.getTraceId().toByteArray()));
            assertEquals(span.getSpanContext().getSpanId(), HexFormat.of().formatHex(r.getSpanId().toByteArray()));
        }
        provider.shutdown().join(5, TimeUnit.SECONDS);
        SelfMetrics.assertValue(gateway, "otelcol_receiver_accepted_log_records_total{receiver=\"otlp\",transport=\"grpc\"}", 12);
        SelfMetrics.assertValue(gateway, "otelcol_exporter_sent_log_records_total{exporter=\"otlp\"}", 12);
    }

    private static String attr(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue())
                .findFirst().orElse(null);
    }
}
