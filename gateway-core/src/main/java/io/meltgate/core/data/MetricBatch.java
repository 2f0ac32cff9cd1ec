package io.meltgate.core.data;

import com.google.protobuf.ByteString;
import io.meltgate.core.signal.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.List;

/** Metrics grouped by resource and scope; items are data points, as the Collector counts them. *
 * <p>{@code wire}, when not null, holds for each resource entry the bytes it was received as, or null for an
 * entry without them (see {@link Batch#wireOf}).
 */
public record MetricBatch(List<ResourceMetrics> resourceMetrics, int itemCount, RequestMetadata metadata, List<ByteString> wire)
        implements Batch {

    /** A batch whose resources are known only decoded: an exporter encodes them. */
    public MetricBatch(List<ResourceMetrics> resourceMetrics, int itemCount, RequestMetadata metadata) {
        this(resourceMetrics, itemCount, metadata, null);
    }

    /** With the received bytes of each resource entry, as {@link io.meltgate.core.otlp.wire.ExportRequestDecoder} gives them. */
    public static MetricBatch of(List<ResourceMetrics> resourceMetrics, List<ByteString> wire, RequestMetadata metadata) {
        return new MetricBatch(resourceMetrics, countDataPoints(resourceMetrics), metadata, wire);
    }

    @Override
    public ByteString wireOf(int resource) {
        return wire == null ? null : wire.get(resource);
    }

    /** Equal when the data is: whether the received bytes were kept does not matter. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MetricBatch b && b.itemCount == itemCount && b.resourceMetrics.equals(resourceMetrics) && b.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(resourceMetrics, itemCount, metadata);
    }

    public static MetricBatch of(List<ResourceMetrics> resourceMetrics, RequestMetadata metadata) {
        return new MetricBatch(resourceMetrics, countDataPoints(resourceMetrics), metadata);
    }

    public static MetricBatch of(ExportMetricsServiceRequest request, RequestMetadata metadata) {
        return of(request.getResourceMetricsList(), metadata);
    }

    public static int countDataPoints(List<ResourceMetrics> resourceMetrics) {
        int n = 0;
        for (ResourceMetrics rm : resourceMetrics) {
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    n += dataPointCount(m);
                }
            }
        }
        return n;
    }

    public static int dataPointCount(Metric m) {
        return switch (m.getDataCase()) {
            case GAUGE -> m.getGauge().getDataPointsCount();
            case SUM -> m.getSum().getDataPointsCount();
            case HISTOGRAM -> m.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> m.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }

    /** The OTLP export request that carries exactly this batch. */
    public ExportMetricsServiceRequest toRequest() {
        return ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics(resourceMetrics).build();
    }

    @Override
    public Signal signal() {
        return Signal.METRICS;
    }

    @Override
    public List<ResourceMetrics> resources() {
        return resourceMetrics;
    }

    @Override
    public int resourceCount() {
        return resourceMetrics.size();
    }

    @Override
    public boolean isEmpty() {
        return itemCount == 0;
    }
}
