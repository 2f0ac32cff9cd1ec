package io.meltgate.core.otlp.wire;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@link WireScanner} must know of one message type, taken from the generated code's descriptor so that it
 * follows opentelemetry-proto exactly: for each field number whether a length-delimited value is a nested message,
 * a string (must be UTF-8, as protobuf checks for proto3), a packed repeated number (its length must fit), or
 * anything else (skipped). Plus the few things the receiver needs without parsing: which field's occurrences are
 * the items, and which message's ids must be checked.
 */
final class WireShape {

    static final byte SKIP = 0;
    static final byte STRING = 1;
    static final byte MESSAGE = 2;
    static final byte PACKED_FIXED64 = 3;
    static final byte PACKED_FIXED32 = 4;
    static final byte PACKED_VARINT = 5;

    /** Which per-item check a message type gets. */
    enum Rule { NONE, SPAN, LOG_RECORD, METRIC }

    static final WireShape RESOURCE_SPANS;
    static final WireShape RESOURCE_METRICS;
    static final WireShape RESOURCE_LOGS;

    static {
        Map<Descriptor, WireShape> shapes = new HashMap<>();
        RESOURCE_SPANS = of(ResourceSpans.getDescriptor(), shapes);
        RESOURCE_METRICS = of(ResourceMetrics.getDescriptor(), shapes);
        RESOURCE_LOGS = of(ResourceLogs.getDescriptor(), shapes);
        shapes.get(ScopeSpans.getDescriptor()).itemField = ScopeSpans.SPANS_FIELD_NUMBER;
        shapes.get(ScopeLogs.getDescriptor()).itemField = ScopeLogs.LOG_RECORDS_FIELD_NUMBER;
        shapes.get(Gauge.getDescriptor()).itemField = Gauge.DATA_POINTS_FIELD_NUMBER;
        shapes.get(Sum.getDescriptor()).itemField = Sum.DATA_POINTS_FIELD_NUMBER;
        shapes.get(Histogram.getDescriptor()).itemField = Histogram.DATA_POINTS_FIELD_NUMBER;
        shapes.get(ExponentialHistogram.getDescriptor()).itemField = ExponentialHistogram.DATA_POINTS_FIELD_NUMBER;
        shapes.get(Summary.getDescriptor()).itemField = Summary.DATA_POINTS_FIELD_NUMBER;
        shapes.get(Span.getDescriptor()).rule = Rule.SPAN;
        shapes.get(LogRecord.getDescriptor()).rule = Rule.LOG_RECORD;
        shapes.get(Metric.getDescriptor()).rule = Rule.METRIC;
    }

    /** Indexed by field number; fields past the end are skipped. */
    final byte[] kinds;
    final WireShape[] children;
    /** The field whose every occurrence is one item (span, log record, data point); 0 for none. */
    int itemField;
    Rule rule = Rule.NONE;

    private WireShape(int maxField) {
        this.kinds = new byte[maxField + 1];
        this.children = new WireShape[maxField + 1];
    }

    private static WireShape of(Descriptor d, Map<Descriptor, WireShape> shapes) {
        WireShape known = shapes.get(d);
        if (known != null) {
            return known;
        }
        int max = 0;
        for (FieldDescriptor f : d.getFields()) {
            max = Math.max(max, f.getNumber());
        }
        WireShape shape = new WireShape(max);
        shapes.put(d, shape); // before the children: AnyValue and ArrayValue refer to each other
        for (FieldDescriptor f : d.getFields()) {
            int n = f.getNumber();
            if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                shape.kinds[n] = MESSAGE;
                shape.children[n] = of(f.getMessageType(), shapes);
            } else if (f.getJavaType() == FieldDescriptor.JavaType.STRING) {
                shape.kinds[n] = STRING;
            } else if (f.isRepeated() && f.isPackable()) {
                shape.kinds[n] = packedKind(f.getType());
            }
        }
        return shape;
    }

    private static byte packedKind(FieldDescriptor.Type type) {
        switch (type) {
            case FIXED64:
            case SFIXED64:
            case DOUBLE:
                return PACKED_FIXED64;
            case FIXED32:
            case SFIXED32:
            case FLOAT:
                return PACKED_FIXED32;
            default:
                return PACKED_VARINT;
        }
    }
}
