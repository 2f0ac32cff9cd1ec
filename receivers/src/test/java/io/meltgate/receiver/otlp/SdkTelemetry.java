package io.meltgate.receiver.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real telemetry made by the OpenTelemetry Java SDK (spans with events, links and errors; a counter and a
 * histogram; logs inside spans), captured as the SDK's own data, plus the SDK's own encodings of it
 * (protobuf and OTLP/JSON, from its exporter marshalers) as the independent expectation.
 */
final class SdkTelemetry {

    private static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), "sdk-under-test",
            AttributeKey.longKey("service.instance.number"), 7L)));

    private SdkTelemetry() {
    }

    static List<SpanData> spans(int traces) {
        List<SpanData> captured = new CopyOnWriteArrayList<>();
        SpanExporter capture = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                captured.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        SdkTracerProvider tp = SdkTracerProvider.builder().setResource(RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(capture)).build();
        Tracer tracer = tp.get("meltgate-test", "1.2.3");
        for (int i = 0; i < traces; i++) {
            Span root = tracer.spanBuilder("GET /orders/" + i).setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", "GET").setAttribute("http.response.status_code", 200L + i)
                    .startSpan();
            Span child = tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.current().with(root)).addLink(root.getSpanContext(), Attributes.of(
                            AttributeKey.stringKey("link.kind"), "parent"))
                    .setAttribute(AttributeKey.doubleKey("db.rows"), 1.5 * i)
                    .setAttribute(AttributeKey.stringArrayKey("db.tags"), List.of("a", "b"))
                    .startSpan();
            child.addEvent("rows fetched", Attributes.of(AttributeKey.booleanKey("cached"), i % 2 == 0));
            if (i % 3 == 0) {
                child.setStatus(StatusCode.ERROR, "timeout " + i);
            }
            child.end();
            root.end();
        }
        tp.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
        return new ArrayList<>(captured);
    }

    static List<MetricData> metrics(int series) {
        CapturingReader reader = new CapturingReader();
        SdkMeterProvider mp = SdkMeterProvider.builder().setResource(RESOURCE).registerMetricReader(reader).build();
        Meter meter = mp.get("meltgate-test");
        LongCounter counter = meter.counterBuilder("orders.placed").setUnit("{order}").build();
        DoubleHistogram latency = meter.histogramBuilder("orders.latency").setUnit("ms").build();
        for (int i = 0; i < series; i++) {
            Attributes a = Attributes.of(AttributeKey.stringKey("region"), "r" + i);
            counter.add(10 + i, a);
            latency.record(3.5 * i, a);
            latency.record(250.0 + i, a);
        }
        meter.gaugeBuilder("queue.depth").buildWithCallback(m -> m.record(42.0));
        List<MetricData> data = new ArrayList<>(reader.registration.collectAllMetrics());
        mp.shutdown();
        return data;
    }

    static List<LogRecordData> logs(int records) {
        List<LogRecordData> captured = new CopyOnWriteArrayList<>();
        LogRecordExporter capture = new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> logs) {
                captured.addAll(logs);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        SdkLoggerProvider lp = SdkLoggerProvider.builder().setResource(RESOURCE)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(capture)).build();
        SdkTracerProvider tp = SdkTracerProvider.builder().build();
        Logger logger = lp.get("meltgate-test");
        Tracer tracer = tp.get("t");
        for (int i = 0; i < records; i++) {
            Span s = tracer.spanBuilder("work").startSpan();
            logger.logRecordBuilder().setContext(Context.current().with(s)).setSeverity(Severity.WARN)
                    .setSeverityText("WARN").setBody("order " + i + " delayed")
                    .setAttribute(AttributeKey.longKey("order.id"), 1000L + i).emit();
            s.end();
        }
        lp.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
        tp.shutdown();
        return new ArrayList<>(captured);
    }

    static ExportTraceServiceRequest traceProto(List<SpanData> spans) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(spans).writeBinaryTo(out);
        return ExportTraceServiceRequest.parseFrom(out.toByteArray());
    }

    static ExportMetricsServiceRequest metricsProto(List<MetricData> metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsRequestMarshaler.create(metrics).writeBinaryTo(out);
        return ExportMetricsServiceRequest.parseFrom(out.toByteArray());
    }

    static ExportLogsServiceRequest logsProto(List<LogRecordData> logs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogsRequestMarshaler.create(logs).writeBinaryTo(out);
        return ExportLogsServiceRequest.parseFrom(out.toByteArray());
    }

    static byte[] traceJson(List<SpanData> spans) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(spans).writeJsonTo(out);
        return out.toByteArray();
    }

    static byte[] metricsJson(List<MetricData> metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsRequestMarshaler.create(metrics).writeJsonTo(out);
        return out.toByteArray();
    }

    static byte[] logsJson(List<LogRecordData> logs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogsRequestMarshaler.create(logs).writeJsonTo(out);
        return out.toByteArray();
    }

    /** A pull reader that lets the test collect once, on demand. */
    private static final class CapturingReader implements MetricReader {
        volatile CollectionRegistration registration;

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
