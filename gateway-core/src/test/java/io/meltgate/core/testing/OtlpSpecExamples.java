package io.meltgate.core.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/**
 * The OTLP specification's JSON examples ({@code opentelemetry-proto/examples/*.json}, kept verbatim in
 * {@code src/test/resources/otlp-json/}) and their protobuf twins, built here field by field from the text of
 * the examples, so a JSON decoder can be checked against data nobody derived with it.
 */
public final class OtlpSpecExamples {

    private OtlpSpecExamples() {
    }

    public static byte[] json(String name) {
        try (InputStream in = OtlpSpecExamples.class.getResourceAsStream("/otlp-json/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource otlp-json/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] traceJson() {
        return json("trace.json");
    }

    public static byte[] metricsJson() {
        return json("metrics.json");
    }

    public static byte[] logsJson() {
        return json("logs.json");
    }

    private static ByteString hex(String s) {
        return ByteString.copyFrom(HexFormat.of().parseHex(s.toLowerCase()));
    }

    private static KeyValue str(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static Resource resource() {
        return Resource.newBuilder().addAttributes(str("service.name", "my.service")).build();
    }

    private static InstrumentationScope scope() {
        return InstrumentationScope.newBuilder().setName("my.library").setVersion("1.0.0")
                .addAttributes(str("my.scope.attribute", "some scope attribute")).build();
    }

    public static ExportTraceServiceRequest traceProto() {
        Span span = Span.newBuilder()
                .setTraceId(hex("5B8EFFF798038103D269B633813FC60C"))
                .setSpanId(hex("EEE19B7EC3C1B174"))
                .setParentSpanId(hex("EEE19B7EC3C1B173"))
                .setName("I'm a server span")
                .setStartTimeUnixNano(1544712660000000000L)
                .setEndTimeUnixNano(1544712661000000000L)
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .addAttributes(str("my.span.attr", "some value"))
                .build();
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(resource())
                .addScopeSpans(ScopeSpans.newBuilder().setScope(scope()).addSpans(span))).build();
    }

    public static ExportLogsServiceRequest logsProto() {
        LogRecord record = LogRecord.newBuilder()
                .setTimeUnixNano(1544712660300000000L)
                .setObservedTimeUnixNano(1544712660300000000L)
                .setSeverityText("Information")
                .setTraceId(hex("5B8EFFF798038103D269B633813FC60C"))
                .setSpanId(hex("EEE19B7EC3C1B174"))
                .setBody(AnyValue.newBuilder().setStringValue("Example log record"))
                .addAttributes(str("string.attribute", "some string"))
                .addAttributes(KeyValue.newBuilder().setKey("boolean.attribute").setValue(AnyValue.newBuilder().setBoolValue(true)))
                .addAttributes(KeyValue.newBuilder().setKey("int.attribute").setValue(AnyValue.newBuilder().setIntValue(10)))
                .addAttributes(KeyValue.newBuilder().setKey("double.attribute").setValue(AnyValue.newBuilder().setDoubleValue(637.704)))
                .addAttributes(KeyValue.newBuilder().setKey("array.attribute").setValue(AnyValue.newBuilder()
                        .setArrayValue(ArrayValue.newBuilder()
                                .addValues(AnyValue.newBuilder().setStringValue("many"))
                                .addValues(AnyValue.newBuilder().setStringValue("values")))))
                .addAttributes(KeyValue.newBuilder().setKey("map.attribute").setValue(AnyValue.newBuilder()
                        .setKvlistValue(KeyValueList.newBuilder().addValues(str("some.map.key", "some value")))))
                .build();
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource())
                .addScopeLogs(ScopeLogs.newBuilder().setScope(scope()).addLogRecords(record))).build();
    }

    public static ExportMetricsServiceRequest metricsProto() {
        long t = 1544712660300000000L;
        Metric counter = Metric.newBuilder().setName("my.counter").setUnit("1").setDescription("I`m a Counter")
                .setSum(Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .setIsMonotonic(true)
                        .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(5).setStartTimeUnixNano(t)
                                .setTimeUnixNano(t).addAttributes(str("my.counter.attr", "some value"))))
                .build();
        Metric gauge = Metric.newBuilder().setName("my.gauge").setUnit("1").setDescription("I`m a Gauge")
                .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setAsDouble(10)
                        .setTimeUnixNano(t).addAttributes(str("my.gauge.attr", "some value"))))
                .build();
        Metric histogram = Metric.newBuilder().setName("my.histogram").setUnit("1").setDescription("I`m a Histogram")
                .setHistogram(Histogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(HistogramDataPoint.newBuilder().setStartTimeUnixNano(t).setTimeUnixNano(t)
                                .setCount(3).setSum(3).addBucketCounts(1).addBucketCounts(1).addBucketCounts(1)
                                .addExplicitBounds(1).setMin(1).setMax(1)
                                .addAttributes(str("my.histogram.attr", "some value"))))
                .build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(resource())
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope())
                        .addMetrics(counter).addMetrics(gauge).addMetrics(histogram))).build();
    }
}
