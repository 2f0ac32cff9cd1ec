package io.meltgate.exporter.prometheusremotewrite;

import static io.meltgate.core.testing.OtlpFixtures.str;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/** Small OTLP builders for the conversion tables (realistic whole requests come from OtlpFixtures). */
final class Otlp {

    static final long T0 = 1_764_000_000_000_000_000L; // ns
    static final long T0_MS = T0 / 1_000_000;
    static final AggregationTemporality CUMULATIVE = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    static final AggregationTemporality DELTA = AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;

    private Otlp() {
    }

    static Resource resource(KeyValue... attributes) {
        return Resource.newBuilder().addAllAttributes(List.of(attributes)).build();
    }

    static Resource service() {
        return resource(str("service.name", "checkout"), str("service.namespace", "shop"),
                str("service.instance.id", "checkout-1"), str("host.name", "node-1"));
    }

    static List<ResourceMetrics> one(Resource resource, Metric... metrics) {
        return List.of(ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("io.shop").setVersion("2.0"))
                .addAllMetrics(List.of(metrics))).build());
    }

    static NumberDataPoint.Builder point(double value, KeyValue... attributes) {
        return NumberDataPoint.newBuilder().setTimeUnixNano(T0).setStartTimeUnixNano(T0 - 60_000_000_000L)
                .setAsDouble(value).addAllAttributes(List.of(attributes));
    }

    static Metric gauge(String name, String unit, NumberDataPoint.Builder... points) {
        Gauge.Builder g = Gauge.newBuilder();
        for (NumberDataPoint.Builder p : points) {
            g.addDataPoints(p);
        }
        return Metric.newBuilder().setName(name).setUnit(unit).setDescription(name + " help").setGauge(g).build();
    }

    static Metric sum(String name, String unit, boolean monotonic, AggregationTemporality t, NumberDataPoint.Builder... points) {
        Sum.Builder s = Sum.newBuilder().setIsMonotonic(monotonic).setAggregationTemporality(t);
        for (NumberDataPoint.Builder p : points) {
            s.addDataPoints(p);
        }
        return Metric.newBuilder().setName(name).setUnit(unit).setDescription(name + " help").setSum(s).build();
    }

    /** Buckets (..1], (1..5], (5..10], (10..+Inf) with counts 2, 3, 4, 1: count 10, sum 42. */
    static HistogramDataPoint.Builder histogramPoint(KeyValue... attributes) {
        return HistogramDataPoint.newBuilder().setTimeUnixNano(T0).setStartTimeUnixNano(T0 - 60_000_000_000L)
                .addAllExplicitBounds(List.of(1.0, 5.0, 10.0)).addAllBucketCounts(List.of(2L, 3L, 4L, 1L))
                .setCount(10).setSum(42).addAllAttributes(List.of(attributes));
    }

    static Metric histogram(String name, String unit, AggregationTemporality t, HistogramDataPoint.Builder... points) {
        Histogram.Builder h = Histogram.newBuilder().setAggregationTemporality(t);
        for (HistogramDataPoint.Builder p : points) {
            h.addDataPoints(p);
        }
        return Metric.newBuilder().setName(name).setUnit(unit).setHistogram(h).build();
    }

    static Exemplar exemplar(double value, String traceHex, String spanHex) {
        return Exemplar.newBuilder().setAsDouble(value).setTimeUnixNano(T0 - 1_000_000)
                .setTraceId(ByteString.fromHex(traceHex)).setSpanId(ByteString.fromHex(spanHex)).build();
    }
}
