package io.meltgate.ottl.path;

import com.google.protobuf.MessageOrBuilder;
import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.ParseError;
import io.meltgate.ottl.eval.Expr;
import io.meltgate.ottl.eval.ValueType;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPointOrBuilder;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPointOrBuilder;
import io.opentelemetry.proto.metrics.v1.MetricOrBuilder;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPointOrBuilder;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPointOrBuilder;
import java.util.List;

/**
 * Paths of the {@code metric} and {@code datapoint} contexts. A data point is one of four OTLP types; a path
 * that its type lacks ({@code value_int} on a histogram point) reads nil and ignores writes, as in the Collector.
 */
final class MetricPaths {

    private MetricPaths() {
    }

    static Expr metric(PathResolver.Request r) throws ParseError {
        if (r.plain("name")) {
            return Fields.string("metric.name", c -> c.metric().getName(), (c, v) -> c.metricBuilder().setName(v));
        }
        if (r.plain("description")) {
            return Fields.string("metric.description", c -> c.metric().getDescription(),
                    (c, v) -> c.metricBuilder().setDescription(v));
        }
        if (r.plain("unit")) {
            return Fields.string("metric.unit", c -> c.metric().getUnit(), (c, v) -> c.metricBuilder().setUnit(v));
        }
        if (r.plain("type")) {
            return Fields.int64("metric.type", c -> type(c.metric()), (c, v) -> { });
        }
        if (r.plain("aggregation_temporality")) {
            return Fields.int64("metric.aggregation_temporality", c -> temporality(c.metric()), MetricPaths::setTemporality);
        }
        if (r.plain("is_monotonic")) {
            return Fields.object("metric.is_monotonic", ValueType.BOOL,
                    c -> c.metric().hasSum() ? c.metric().getSum().getIsMonotonic() : Boolean.FALSE,
                    (c, v) -> {
                        if (v instanceof Boolean b && c.metric().hasSum()) {
                            c.metricBuilder().getSumBuilder().setIsMonotonic(b);
                        }
                    });
        }
        if (r.plain("data_points", "count")) {
            return Fields.int64("metric.data_points.count",
                    c -> io.meltgate.core.data.MetricBatch.dataPointCount((io.opentelemetry.proto.metrics.v1.Metric)
                            (c.metricEdited() ? c.metricBuilder().build() : c.metric())), (c, v) -> { });
        }
        return null;
    }

    /** The OTTL number of the metric's type (METRIC_DATA_TYPE_*). */
    static long type(MetricOrBuilder m) {
        return switch (m.getDataCase()) {
            case GAUGE -> 1;
            case SUM -> 2;
            case HISTOGRAM -> 3;
            case EXPONENTIAL_HISTOGRAM -> 4;
            case SUMMARY -> 5;
            case DATA_NOT_SET -> 0;
        };
    }

    static long temporality(MetricOrBuilder m) {
        return switch (m.getDataCase()) {
            case SUM -> m.getSum().getAggregationTemporalityValue();
            case HISTOGRAM -> m.getHistogram().getAggregationTemporalityValue();
            case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getAggregationTemporalityValue();
            default -> 0;
        };
    }

    private static void setTemporality(OttlContext c, long v) {
        AggregationTemporality t = AggregationTemporality.forNumber((int) v);
        if (t == null) {
            return;
        }
        switch (c.metric().getDataCase()) {
            case SUM -> c.metricBuilder().getSumBuilder().setAggregationTemporality(t);
            case HISTOGRAM -> c.metricBuilder().getHistogramBuilder().setAggregationTemporality(t);
            case EXPONENTIAL_HISTOGRAM -> c.metricBuilder().getExponentialHistogramBuilder().setAggregationTemporality(t);
            default -> {
            }
        }
    }

    static Expr dataPoint(PathResolver.Request r) throws ParseError {
        if (r.is("attributes")) {
            return r.map(new AttributesPath("datapoint.attributes", c -> attributes(c.dataPoint()), MetricPaths::setAttributes));
        }
        if (r.plain("start_time_unix_nano")) {
            return Fields.int64("datapoint.start_time_unix_nano", c -> startTime(c.dataPoint()),
                    (c, v) -> {
                        Object b = c.dataPointBuilder();
                        if (b instanceof NumberDataPoint.Builder n) {
                            n.setStartTimeUnixNano(v);
                        } else if (b instanceof HistogramDataPoint.Builder h) {
                            h.setStartTimeUnixNano(v);
                        } else if (b instanceof ExponentialHistogramDataPoint.Builder e) {
                            e.setStartTimeUnixNano(v);
                        } else if (b instanceof SummaryDataPoint.Builder s) {
                            s.setStartTimeUnixNano(v);
                        }
                    });
        }
        if (r.plain("time_unix_nano")) {
            return Fields.int64("datapoint.time_unix_nano", c -> time(c.dataPoint()),
                    (c, v) -> {
                        Object b = c.dataPointBuilder();
                        if (b instanceof NumberDataPoint.Builder n) {
                            n.setTimeUnixNano(v);
                        } else if (b instanceof HistogramDataPoint.Builder h) {
                            h.setTimeUnixNano(v);
                        } else if (b instanceof ExponentialHistogramDataPoint.Builder e) {
                            e.setTimeUnixNano(v);
                        } else if (b instanceof SummaryDataPoint.Builder s) {
                            s.setTimeUnixNano(v);
                        }
                    });
        }
        if (r.plain("value_int")) {
            return Fields.object("datapoint.value_int", ValueType.INT, c -> c.dataPoint() instanceof NumberDataPointOrBuilder n
                    && n.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? (Object) n.getAsInt() : null, (c, v) -> {
                if (v instanceof Long l && c.dataPoint() instanceof NumberDataPointOrBuilder) {
                    ((NumberDataPoint.Builder) c.dataPointBuilder()).setAsInt(l);
                }
            });
        }
        if (r.plain("value_double")) {
            return Fields.object("datapoint.value_double", ValueType.DOUBLE, c -> c.dataPoint() instanceof NumberDataPointOrBuilder n
                    && n.getValueCase() == NumberDataPoint.ValueCase.AS_DOUBLE ? (Object) n.getAsDouble() : null, (c, v) -> {
                if (v instanceof Number d && c.dataPoint() instanceof NumberDataPointOrBuilder) {
                    ((NumberDataPoint.Builder) c.dataPointBuilder()).setAsDouble(d.doubleValue());
                }
            });
        }
        if (r.plain("count")) {
            return Fields.object("datapoint.count", ValueType.INT, c -> {
                MessageOrBuilder p = c.dataPoint();
                if (p instanceof HistogramDataPointOrBuilder h) {
                    return h.getCount();
                }
                if (p instanceof ExponentialHistogramDataPointOrBuilder e) {
                    return e.getCount();
                }
                if (p instanceof SummaryDataPointOrBuilder s) {
                    return s.getCount();
                }
                return null;
            }, (c, v) -> {
                if (v instanceof Long l) {
                    Object b = c.dataPointBuilder();
                    if (b instanceof HistogramDataPoint.Builder h) {
                        h.setCount(l);
                    } else if (b instanceof ExponentialHistogramDataPoint.Builder e) {
                        e.setCount(l);
                    } else if (b instanceof SummaryDataPoint.Builder s) {
                        s.setCount(l);
                    }
                }
            });
        }
        if (r.plain("sum")) {
            return Fields.object("datapoint.sum", ValueType.DOUBLE, c -> {
                MessageOrBuilder p = c.dataPoint();
                if (p instanceof HistogramDataPointOrBuilder h) {
                    return h.hasSum() ? h.getSum() : null;
                }
                if (p instanceof ExponentialHistogramDataPointOrBuilder e) {
                    return e.hasSum() ? e.getSum() : null;
                }
                if (p instanceof SummaryDataPointOrBuilder s) {
                    return s.getSum();
                }
                return null;
            }, (c, v) -> {
                if (v instanceof Number n) {
                    Object b = c.dataPointBuilder();
                    if (b instanceof HistogramDataPoint.Builder h) {
                        h.setSum(n.doubleValue());
                    } else if (b instanceof ExponentialHistogramDataPoint.Builder e) {
                        e.setSum(n.doubleValue());
                    } else if (b instanceof SummaryDataPoint.Builder s) {
                        s.setSum(n.doubleValue());
                    }
                }
            });
        }
        if (r.plain("flags")) {
            return Fields.int64("datapoint.flags", c -> flags(c.dataPoint()), (c, v) -> {
                Object b = c.dataPointBuilder();
                if (b instanceof NumberDataPoint.Builder n) {
                    n.setFlags((int) v);
                } else if (b instanceof HistogramDataPoint.Builder h) {
                    h.setFlags((int) v);
                } else if (b instanceof ExponentialHistogramDataPoint.Builder e) {
                    e.setFlags((int) v);
                } else if (b instanceof SummaryDataPoint.Builder s) {
                    s.setFlags((int) v);
                }
            });
        }
        if (r.plain("bucket_counts")) {
            return Fields.object("datapoint.bucket_counts", ValueType.SLICE, c -> c.dataPoint() instanceof HistogramDataPointOrBuilder h
                    ? longs(h.getBucketCountsList()) : null, Fields.readOnly());
        }
        if (r.plain("explicit_bounds")) {
            return Fields.object("datapoint.explicit_bounds", ValueType.SLICE, c -> {
                if (!(c.dataPoint() instanceof HistogramDataPointOrBuilder h)) {
                    return null;
                }
                ArrayValue.Builder a = ArrayValue.newBuilder();
                h.getExplicitBoundsList().forEach(d -> a.addValues(AnyValue.newBuilder().setDoubleValue(d)));
                return a.build();
            }, Fields.readOnly());
        }
        if (r.plain("scale")) {
            return Fields.object("datapoint.scale", ValueType.INT, c -> c.dataPoint() instanceof ExponentialHistogramDataPointOrBuilder e
                    ? (Object) (long) e.getScale() : null, Fields.readOnly());
        }
        if (r.plain("zero_count")) {
            return Fields.object("datapoint.zero_count", ValueType.INT, c -> c.dataPoint() instanceof ExponentialHistogramDataPointOrBuilder e
                    ? (Object) e.getZeroCount() : null, Fields.readOnly());
        }
        return null;
    }

    private static ArrayValue longs(List<Long> values) {
        ArrayValue.Builder a = ArrayValue.newBuilder();
        values.forEach(l -> a.addValues(AnyValue.newBuilder().setIntValue(l)));
        return a.build();
    }

    static List<KeyValue> attributes(MessageOrBuilder p) {
        if (p instanceof NumberDataPointOrBuilder n) {
            return n.getAttributesList();
        }
        if (p instanceof HistogramDataPointOrBuilder h) {
            return h.getAttributesList();
        }
        if (p instanceof ExponentialHistogramDataPointOrBuilder e) {
            return e.getAttributesList();
        }
        if (p instanceof SummaryDataPointOrBuilder s) {
            return s.getAttributesList();
        }
        return List.of();
    }

    private static void setAttributes(OttlContext c, List<KeyValue> kvs) {
        Object b = c.dataPointBuilder();
        if (b instanceof NumberDataPoint.Builder n) {
            n.clearAttributes().addAllAttributes(kvs);
        } else if (b instanceof HistogramDataPoint.Builder h) {
            h.clearAttributes().addAllAttributes(kvs);
        } else if (b instanceof ExponentialHistogramDataPoint.Builder e) {
            e.clearAttributes().addAllAttributes(kvs);
        } else if (b instanceof SummaryDataPoint.Builder s) {
            s.clearAttributes().addAllAttributes(kvs);
        }
    }

    private static long startTime(MessageOrBuilder p) {
        if (p instanceof NumberDataPointOrBuilder n) {
            return n.getStartTimeUnixNano();
        }
        if (p instanceof HistogramDataPointOrBuilder h) {
            return h.getStartTimeUnixNano();
        }
        if (p instanceof ExponentialHistogramDataPointOrBuilder e) {
            return e.getStartTimeUnixNano();
        }
        if (p instanceof SummaryDataPointOrBuilder s) {
            return s.getStartTimeUnixNano();
        }
        return 0;
    }

    private static long time(MessageOrBuilder p) {
        if (p instanceof NumberDataPointOrBuilder n) {
            return n.getTimeUnixNano();
        }
        if (p instanceof HistogramDataPointOrBuilder h) {
            return h.getTimeUnixNano();
        }
        if (p instanceof ExponentialHistogramDataPointOrBuilder e) {
            return e.getTimeUnixNano();
        }
        if (p instanceof SummaryDataPointOrBuilder s) {
            return s.getTimeUnixNano();
        }
        return 0;
    }

    private static long flags(MessageOrBuilder p) {
        if (p instanceof NumberDataPointOrBuilder n) {
            return n.getFlags();
        }
        if (p instanceof HistogramDataPointOrBuilder h) {
            return h.getFlags();
        }
        if (p instanceof ExponentialHistogramDataPointOrBuilder e) {
            return e.getFlags();
        }
        if (p instanceof SummaryDataPointOrBuilder s) {
            return s.getFlags();
        }
        return 0;
    }
}
