package io.meltgate.core.otlp.json;

import static io.meltgate.core.otlp.json.OtlpJsonDecoder.readBool;
import static io.meltgate.core.otlp.json.OtlpJsonDecoder.readBytes;
import static io.meltgate.core.otlp.json.OtlpJsonDecoder.readDouble;
import static io.meltgate.core.otlp.json.OtlpJsonDecoder.readEnumNumber;
import static io.meltgate.core.otlp.json.OtlpJsonDecoder.readInt32;
import static io.meltgate.core.otlp.json.OtlpJsonDecoder.readInt64;
import static io.meltgate.core.otlp.json.OtlpJsonDecoder.readMessage;
import static io.meltgate.core.otlp.json.OtlpJsonDecoder.readString;

import com.fasterxml.jackson.core.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.meltgate.core.otlp.json.FieldTable.Field;
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
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.Map;

/**
 * Hand-written readers for the hot OTLP messages: each sets one field's value through the generated
 * builder's own setter, where the generic path goes through protobuf's reflection ({@code setField},
 * {@code addRepeatedField}, {@code newBuilderForField}: a reflective method call and boxing per value, which
 * made the generic decoder 4-10 times slower than protobuf's binary parser).
 *
 * <p>They only map a field number to a setter: the object loop (keys in both styles, unknown keys, nulls,
 * arrays, the depth limit) and the value readers (hex ids, enum names or numbers, 64-bit integers as strings,
 * ranges, errors) are {@link OtlpJsonDecoder}'s, shared with the generic path. A reader answers false for a
 * field it does not handle (a rare or newer one: {@code Resource.entity_refs}, exponential histograms,
 * exemplars, ...), which the generic path then decodes. {@code OtlpFastReadersTest} checks that both paths
 * decode every document alike.
 */
final class OtlpFastReaders {

    /** Reads the value the parser stands on (one element, for a repeated field) into the builder. */
    @FunctionalInterface
    interface Reader {
        /** Returns false, having read nothing, when this reader does not handle {@code field}. */
        boolean read(JsonParser p, Message.Builder builder, Field field, int depth) throws IOException;
    }

    /** A reader and the generated builder class it casts to. */
    record Registration(Class<?> builderClass, Reader reader) {
    }

    private static final Map<Descriptor, Registration> READERS = Map.ofEntries(
            entry(ExportTraceServiceRequest.getDescriptor(), ExportTraceServiceRequest.Builder.class,
                    OtlpFastReaders::traceRequest),
            entry(ResourceSpans.getDescriptor(), ResourceSpans.Builder.class, OtlpFastReaders::resourceSpans),
            entry(ScopeSpans.getDescriptor(), ScopeSpans.Builder.class, OtlpFastReaders::scopeSpans),
            entry(Span.getDescriptor(), Span.Builder.class, OtlpFastReaders::span),
            entry(Span.Event.getDescriptor(), Span.Event.Builder.class, OtlpFastReaders::event),
            entry(Span.Link.getDescriptor(), Span.Link.Builder.class, OtlpFastReaders::link),
            entry(Status.getDescriptor(), Status.Builder.class, OtlpFastReaders::status),
            entry(ExportMetricsServiceRequest.getDescriptor(), ExportMetricsServiceRequest.Builder.class,
                    OtlpFastReaders::metricsRequest),
            entry(ResourceMetrics.getDescriptor(), ResourceMetrics.Builder.class, OtlpFastReaders::resourceMetrics),
            entry(ScopeMetrics.getDescriptor(), ScopeMetrics.Builder.class, OtlpFastReaders::scopeMetrics),
            entry(Metric.getDescriptor(), Metric.Builder.class, OtlpFastReaders::metric),
            entry(Gauge.getDescriptor(), Gauge.Builder.class, OtlpFastReaders::gauge),
            entry(Sum.getDescriptor(), Sum.Builder.class, OtlpFastReaders::sum),
            entry(Histogram.getDescriptor(), Histogram.Builder.class, OtlpFastReaders::histogram),
            entry(NumberDataPoint.getDescriptor(), NumberDataPoint.Builder.class, OtlpFastReaders::numberPoint),
            entry(HistogramDataPoint.getDescriptor(), HistogramDataPoint.Builder.class,
                    OtlpFastReaders::histogramPoint),
            entry(ExportLogsServiceRequest.getDescriptor(), ExportLogsServiceRequest.Builder.class,
                    OtlpFastReaders::logsRequest),
            entry(ResourceLogs.getDescriptor(), ResourceLogs.Builder.class, OtlpFastReaders::resourceLogs),
            entry(ScopeLogs.getDescriptor(), ScopeLogs.Builder.class, OtlpFastReaders::scopeLogs),
            entry(LogRecord.getDescriptor(), LogRecord.Builder.class, OtlpFastReaders::logRecord),
            entry(Resource.getDescriptor(), Resource.Builder.class, OtlpFastReaders::resource),
            entry(InstrumentationScope.getDescriptor(), InstrumentationScope.Builder.class, OtlpFastReaders::scope),
            entry(KeyValue.getDescriptor(), KeyValue.Builder.class, OtlpFastReaders::keyValue),
            entry(AnyValue.getDescriptor(), AnyValue.Builder.class, OtlpFastReaders::anyValue),
            entry(ArrayValue.getDescriptor(), ArrayValue.Builder.class, OtlpFastReaders::arrayValue),
            entry(KeyValueList.getDescriptor(), KeyValueList.Builder.class, OtlpFastReaders::keyValueList));

    private OtlpFastReaders() {
    }

    /** The reader of a message type, or null when it has none. */
    static Registration forType(Descriptor type) {
        return READERS.get(type);
    }

    private static Map.Entry<Descriptor, Registration> entry(Descriptor type, Class<?> builderClass, Reader reader) {
        return Map.entry(type, new Registration(builderClass, reader));
    }

    // Shared message fields.

    private static KeyValue kv(JsonParser p, Field f, int depth) throws IOException {
        return readMessage(p, KeyValue.newBuilder(), f, depth, true).build();
    }

    private static Resource resourceOf(JsonParser p, Field f, int depth) throws IOException {
        return readMessage(p, Resource.newBuilder(), f, depth, true).build();
    }

    private static InstrumentationScope scopeOf(JsonParser p, Field f, int depth) throws IOException {
        return readMessage(p, InstrumentationScope.newBuilder(), f, depth, true).build();
    }

    // Common.

    private static boolean resource(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        Resource.Builder b = (Resource.Builder) builder;
        switch (f.number) {
            case Resource.ATTRIBUTES_FIELD_NUMBER -> b.addAttributes(kv(p, f, depth));
            case Resource.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER -> b.setDroppedAttributesCount(readInt32(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean scope(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        InstrumentationScope.Builder b = (InstrumentationScope.Builder) builder;
        switch (f.number) {
            case InstrumentationScope.NAME_FIELD_NUMBER -> b.setName(readString(p, f));
            case InstrumentationScope.VERSION_FIELD_NUMBER -> b.setVersion(readString(p, f));
            case InstrumentationScope.ATTRIBUTES_FIELD_NUMBER -> b.addAttributes(kv(p, f, depth));
            case InstrumentationScope.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER ->
                    b.setDroppedAttributesCount(readInt32(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean keyValue(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        KeyValue.Builder b = (KeyValue.Builder) builder;
        switch (f.number) {
            case KeyValue.KEY_FIELD_NUMBER -> b.setKey(readString(p, f));
            case KeyValue.VALUE_FIELD_NUMBER -> b.setValue(readMessage(p, AnyValue.newBuilder(), f, depth, true).build());
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean anyValue(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        AnyValue.Builder b = (AnyValue.Builder) builder;
        switch (f.number) {
            case AnyValue.STRING_VALUE_FIELD_NUMBER -> b.setStringValue(readString(p, f));
            case AnyValue.BOOL_VALUE_FIELD_NUMBER -> b.setBoolValue(readBool(p, f));
            case AnyValue.INT_VALUE_FIELD_NUMBER -> b.setIntValue(readInt64(p, f));
            case AnyValue.DOUBLE_VALUE_FIELD_NUMBER -> b.setDoubleValue(readDouble(p, f));
            case AnyValue.ARRAY_VALUE_FIELD_NUMBER ->
                    b.setArrayValue(readMessage(p, ArrayValue.newBuilder(), f, depth, true).build());
            case AnyValue.KVLIST_VALUE_FIELD_NUMBER ->
                    b.setKvlistValue(readMessage(p, KeyValueList.newBuilder(), f, depth, true).build());
            case AnyValue.BYTES_VALUE_FIELD_NUMBER -> b.setBytesValue(readBytes(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean arrayValue(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        if (f.number != ArrayValue.VALUES_FIELD_NUMBER) {
            return false;
        }
        ((ArrayValue.Builder) builder).addValues(readMessage(p, AnyValue.newBuilder(), f, depth, true).build());
        return true;
    }

    private static boolean keyValueList(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        if (f.number != KeyValueList.VALUES_FIELD_NUMBER) {
            return false;
        }
        ((KeyValueList.Builder) builder).addValues(kv(p, f, depth));
        return true;
    }

    // Traces.

    private static boolean traceRequest(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        if (f.number != ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER) {
            return false;
        }
        ((ExportTraceServiceRequest.Builder) builder).addResourceSpans(
                readMessage(p, ResourceSpans.newBuilder(), f, depth, true).build());
        return true;
    }

    private static boolean resourceSpans(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        ResourceSpans.Builder b = (ResourceSpans.Builder) builder;
        switch (f.number) {
            case ResourceSpans.RESOURCE_FIELD_NUMBER -> b.setResource(resourceOf(p, f, depth));
            case ResourceSpans.SCOPE_SPANS_FIELD_NUMBER ->
                    b.addScopeSpans(readMessage(p, ScopeSpans.newBuilder(), f, depth, true).build());
            case ResourceSpans.SCHEMA_URL_FIELD_NUMBER -> b.setSchemaUrl(readString(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean scopeSpans(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        ScopeSpans.Builder b = (ScopeSpans.Builder) builder;
        switch (f.number) {
            case ScopeSpans.SCOPE_FIELD_NUMBER -> b.setScope(scopeOf(p, f, depth));
            case ScopeSpans.SPANS_FIELD_NUMBER -> b.addSpans(readMessage(p, Span.newBuilder(), f, depth, true).build());
            case ScopeSpans.SCHEMA_URL_FIELD_NUMBER -> b.setSchemaUrl(readString(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean span(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        Span.Builder b = (Span.Builder) builder;
        switch (f.number) {
            case Span.TRACE_ID_FIELD_NUMBER -> b.setTraceId(readBytes(p, f));
            case Span.SPAN_ID_FIELD_NUMBER -> b.setSpanId(readBytes(p, f));
            case Span.TRACE_STATE_FIELD_NUMBER -> b.setTraceState(readString(p, f));
            case Span.PARENT_SPAN_ID_FIELD_NUMBER -> b.setParentSpanId(readBytes(p, f));
            case Span.FLAGS_FIELD_NUMBER -> b.setFlags(readInt32(p, f));
            case Span.NAME_FIELD_NUMBER -> b.setName(readString(p, f));
            case Span.KIND_FIELD_NUMBER -> b.setKindValue(readEnumNumber(p, f));
            case Span.START_TIME_UNIX_NANO_FIELD_NUMBER -> b.setStartTimeUnixNano(readInt64(p, f));
            case Span.END_TIME_UNIX_NANO_FIELD_NUMBER -> b.setEndTimeUnixNano(readInt64(p, f));
            case Span.ATTRIBUTES_FIELD_NUMBER -> b.addAttributes(kv(p, f, depth));
            case Span.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER -> b.setDroppedAttributesCount(readInt32(p, f));
            case Span.EVENTS_FIELD_NUMBER -> b.addEvents(readMessage(p, Span.Event.newBuilder(), f, depth, true).build());
            case Span.DROPPED_EVENTS_COUNT_FIELD_NUMBER -> b.setDroppedEventsCount(readInt32(p, f));
            case Span.LINKS_FIELD_NUMBER -> b.addLinks(readMessage(p, Span.Link.newBuilder(), f, depth, true).build());
            case Span.DROPPED_LINKS_COUNT_FIELD_NUMBER -> b.setDroppedLinksCount(readInt32(p, f));
            case Span.STATUS_FIELD_NUMBER -> b.setStatus(readMessage(p, Status.newBuilder(), f, depth, true).build());
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean event(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        Span.Event.Builder b = (Span.Event.Builder) builder;
        switch (f.number) {
            case Span.Event.TIME_UNIX_NANO_FIELD_NUMBER -> b.setTimeUnixNano(readInt64(p, f));
            case Span.Event.NAME_FIELD_NUMBER -> b.setName(readString(p, f));
            case Span.Event.ATTRIBUTES_FIELD_NUMBER -> b.addAttributes(kv(p, f, depth));
            case Span.Event.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER -> b.setDroppedAttributesCount(readInt32(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean link(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        Span.Link.Builder b = (Span.Link.Builder) builder;
        switch (f.number) {
            case Span.Link.TRACE_ID_FIELD_NUMBER -> b.setTraceId(readBytes(p, f));
            case Span.Link.SPAN_ID_FIELD_NUMBER -> b.setSpanId(readBytes(p, f));
            case Span.Link.TRACE_STATE_FIELD_NUMBER -> b.setTraceState(readString(p, f));
            case Span.Link.ATTRIBUTES_FIELD_NUMBER -> b.addAttributes(kv(p, f, depth));
            case Span.Link.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER -> b.setDroppedAttributesCount(readInt32(p, f));
            case Span.Link.FLAGS_FIELD_NUMBER -> b.setFlags(readInt32(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean status(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        Status.Builder b = (Status.Builder) builder;
        switch (f.number) {
            case Status.MESSAGE_FIELD_NUMBER -> b.setMessage(readString(p, f));
            case Status.CODE_FIELD_NUMBER -> b.setCodeValue(readEnumNumber(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    // Metrics (exponential histograms, summaries and exemplars take the generic path).

    private static boolean metricsRequest(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        if (f.number != ExportMetricsServiceRequest.RESOURCE_METRICS_FIELD_NUMBER) {
            return false;
        }
        ((ExportMetricsServiceRequest.Builder) builder).addResourceMetrics(
                readMessage(p, ResourceMetrics.newBuilder(), f, depth, true).build());
        return true;
    }

    private static boolean resourceMetrics(JsonParser p, Message.Builder builder, Field f, int depth)
            throws IOException {
        ResourceMetrics.Builder b = (ResourceMetrics.Builder) builder;
        switch (f.number) {
            case ResourceMetrics.RESOURCE_FIELD_NUMBER -> b.setResource(resourceOf(p, f, depth));
            case ResourceMetrics.SCOPE_METRICS_FIELD_NUMBER ->
                    b.addScopeMetrics(readMessage(p, ScopeMetrics.newBuilder(), f, depth, true).build());
            case ResourceMetrics.SCHEMA_URL_FIELD_NUMBER -> b.setSchemaUrl(readString(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean scopeMetrics(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        ScopeMetrics.Builder b = (ScopeMetrics.Builder) builder;
        switch (f.number) {
            case ScopeMetrics.SCOPE_FIELD_NUMBER -> b.setScope(scopeOf(p, f, depth));
            case ScopeMetrics.METRICS_FIELD_NUMBER ->
                    b.addMetrics(readMessage(p, Metric.newBuilder(), f, depth, true).build());
            case ScopeMetrics.SCHEMA_URL_FIELD_NUMBER -> b.setSchemaUrl(readString(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean metric(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        Metric.Builder b = (Metric.Builder) builder;
        switch (f.number) {
            case Metric.NAME_FIELD_NUMBER -> b.setName(readString(p, f));
            case Metric.DESCRIPTION_FIELD_NUMBER -> b.setDescription(readString(p, f));
            case Metric.UNIT_FIELD_NUMBER -> b.setUnit(readString(p, f));
            case Metric.GAUGE_FIELD_NUMBER -> b.setGauge(readMessage(p, Gauge.newBuilder(), f, depth, true).build());
            case Metric.SUM_FIELD_NUMBER -> b.setSum(readMessage(p, Sum.newBuilder(), f, depth, true).build());
            case Metric.HISTOGRAM_FIELD_NUMBER ->
                    b.setHistogram(readMessage(p, Histogram.newBuilder(), f, depth, true).build());
            case Metric.METADATA_FIELD_NUMBER -> b.addMetadata(kv(p, f, depth));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean gauge(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        if (f.number != Gauge.DATA_POINTS_FIELD_NUMBER) {
            return false;
        }
        ((Gauge.Builder) builder).addDataPoints(readMessage(p, NumberDataPoint.newBuilder(), f, depth, true).build());
        return true;
    }

    private static boolean sum(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        Sum.Builder b = (Sum.Builder) builder;
        switch (f.number) {
            case Sum.DATA_POINTS_FIELD_NUMBER ->
                    b.addDataPoints(readMessage(p, NumberDataPoint.newBuilder(), f, depth, true).build());
            case Sum.AGGREGATION_TEMPORALITY_FIELD_NUMBER -> b.setAggregationTemporalityValue(readEnumNumber(p, f));
            case Sum.IS_MONOTONIC_FIELD_NUMBER -> b.setIsMonotonic(readBool(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean histogram(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        Histogram.Builder b = (Histogram.Builder) builder;
        switch (f.number) {
            case Histogram.DATA_POINTS_FIELD_NUMBER ->
                    b.addDataPoints(readMessage(p, HistogramDataPoint.newBuilder(), f, depth, true).build());
            case Histogram.AGGREGATION_TEMPORALITY_FIELD_NUMBER ->
                    b.setAggregationTemporalityValue(readEnumNumber(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean numberPoint(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        NumberDataPoint.Builder b = (NumberDataPoint.Builder) builder;
        switch (f.number) {
            case NumberDataPoint.ATTRIBUTES_FIELD_NUMBER -> b.addAttributes(kv(p, f, depth));
            case NumberDataPoint.START_TIME_UNIX_NANO_FIELD_NUMBER -> b.setStartTimeUnixNano(readInt64(p, f));
            case NumberDataPoint.TIME_UNIX_NANO_FIELD_NUMBER -> b.setTimeUnixNano(readInt64(p, f));
            case NumberDataPoint.AS_DOUBLE_FIELD_NUMBER -> b.setAsDouble(readDouble(p, f));
            case NumberDataPoint.AS_INT_FIELD_NUMBER -> b.setAsInt(readInt64(p, f));
            case NumberDataPoint.FLAGS_FIELD_NUMBER -> b.setFlags(readInt32(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean histogramPoint(JsonParser p, Message.Builder builder, Field f, int depth)
            throws IOException {
        HistogramDataPoint.Builder b = (HistogramDataPoint.Builder) builder;
        switch (f.number) {
            case HistogramDataPoint.ATTRIBUTES_FIELD_NUMBER -> b.addAttributes(kv(p, f, depth));
            case HistogramDataPoint.START_TIME_UNIX_NANO_FIELD_NUMBER -> b.setStartTimeUnixNano(readInt64(p, f));
            case HistogramDataPoint.TIME_UNIX_NANO_FIELD_NUMBER -> b.setTimeUnixNano(readInt64(p, f));
            case HistogramDataPoint.COUNT_FIELD_NUMBER -> b.setCount(readInt64(p, f));
            case HistogramDataPoint.SUM_FIELD_NUMBER -> b.setSum(readDouble(p, f));
            case HistogramDataPoint.BUCKET_COUNTS_FIELD_NUMBER -> b.addBucketCounts(readInt64(p, f));
            case HistogramDataPoint.EXPLICIT_BOUNDS_FIELD_NUMBER -> b.addExplicitBounds(readDouble(p, f));
            case HistogramDataPoint.FLAGS_FIELD_NUMBER -> b.setFlags(readInt32(p, f));
            case HistogramDataPoint.MIN_FIELD_NUMBER -> b.setMin(readDouble(p, f));
            case HistogramDataPoint.MAX_FIELD_NUMBER -> b.setMax(readDouble(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    // Logs.

    private static boolean logsRequest(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        if (f.number != ExportLogsServiceRequest.RESOURCE_LOGS_FIELD_NUMBER) {
            return false;
        }
        ((ExportLogsServiceRequest.Builder) builder).addResourceLogs(
                readMessage(p, ResourceLogs.newBuilder(), f, depth, true).build());
        return true;
    }

    private static boolean resourceLogs(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        ResourceLogs.Builder b = (ResourceLogs.Builder) builder;
        switch (f.number) {
            case ResourceLogs.RESOURCE_FIELD_NUMBER -> b.setResource(resourceOf(p, f, depth));
            case ResourceLogs.SCOPE_LOGS_FIELD_NUMBER ->
                    b.addScopeLogs(readMessage(p, ScopeLogs.newBuilder(), f, depth, true).build());
            case ResourceLogs.SCHEMA_URL_FIELD_NUMBER -> b.setSchemaUrl(readString(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean scopeLogs(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        ScopeLogs.Builder b = (ScopeLogs.Builder) builder;
        switch (f.number) {
            case ScopeLogs.SCOPE_FIELD_NUMBER -> b.setScope(scopeOf(p, f, depth));
            case ScopeLogs.LOG_RECORDS_FIELD_NUMBER ->
                    b.addLogRecords(readMessage(p, LogRecord.newBuilder(), f, depth, true).build());
            case ScopeLogs.SCHEMA_URL_FIELD_NUMBER -> b.setSchemaUrl(readString(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean logRecord(JsonParser p, Message.Builder builder, Field f, int depth) throws IOException {
        LogRecord.Builder b = (LogRecord.Builder) builder;
        switch (f.number) {
            case LogRecord.TIME_UNIX_NANO_FIELD_NUMBER -> b.setTimeUnixNano(readInt64(p, f));
            case LogRecord.OBSERVED_TIME_UNIX_NANO_FIELD_NUMBER -> b.setObservedTimeUnixNano(readInt64(p, f));
            case LogRecord.SEVERITY_NUMBER_FIELD_NUMBER -> b.setSeverityNumberValue(readEnumNumber(p, f));
            case LogRecord.SEVERITY_TEXT_FIELD_NUMBER -> b.setSeverityText(readString(p, f));
            case LogRecord.BODY_FIELD_NUMBER -> b.setBody(readMessage(p, AnyValue.newBuilder(), f, depth, true).build());
            case LogRecord.ATTRIBUTES_FIELD_NUMBER -> b.addAttributes(kv(p, f, depth));
            case LogRecord.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER -> b.setDroppedAttributesCount(readInt32(p, f));
            case LogRecord.FLAGS_FIELD_NUMBER -> b.setFlags(readInt32(p, f));
            case LogRecord.TRACE_ID_FIELD_NUMBER -> b.setTraceId(readBytes(p, f));
            case LogRecord.SPAN_ID_FIELD_NUMBER -> b.setSpanId(readBytes(p, f));
            case LogRecord.EVENT_NAME_FIELD_NUMBER -> b.setEventName(readString(p, f));
            default -> {
                return false;
            }
        }
        return true;
    }
}
