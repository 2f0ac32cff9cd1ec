package io.meltgate.core.data;

import io.meltgate.core.signal.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.List;

/** Metrics grouped by resource and scope; items are data points, as the Collector counts them. */
public record MetricBatch(List<ResourceMetrics> resourceMetrics, int itemCount, RequestMetadata metadata) implements Batch {


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
    public int resourceCount() {
        return resourceMetrics.size();
    }

    @Override
    public boolean isEmpty() {
        return itemCount == 0;
    }
}
