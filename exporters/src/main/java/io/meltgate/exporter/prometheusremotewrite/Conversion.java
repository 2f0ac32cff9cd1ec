package io.meltgate.exporter.prometheusremotewrite;

import io.meltgate.exporter.prometheusremotewrite.wire.MetricMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of converting one batch: the series (merged by label set, so each series is sent once with all
 * its samples), the metric metadata, and what could not be converted, counted in data points.
 */
final class Conversion {

    private static final int MAX_ERRORS_KEPT = 5;

    private final Map<LabelSet, PromSeries> series;
    private final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>(2);
    private long droppedPoints;
    private int failedMetrics;

    /** @param expectedSeries a guess, to size the series map once instead of growing it step by step */
    Conversion(int expectedSeries) {
        this.series = new HashMap<>(Math.max(16, (int) (expectedSeries / 0.75f) + 1));
    }

    PromSeries series(LabelSet labels) {
        PromSeries s = series.get(labels);
        if (s == null) {
            s = new PromSeries(labels);
            series.put(labels, s);
        }
        return s;
    }

    void addMetadata(MetricMetadata m) {
        metadata.putIfAbsent(m.getMetricFamilyName(), m);
    }

    /** A metric (or some of its points) that cannot be expressed in Prometheus: dropped, counted. */
    void drop(long points, String why) {
        droppedPoints += points;
        failedMetrics++;
        if (errors.size() < MAX_ERRORS_KEPT) {
            errors.add(why);
        }
    }

    /** The series, each with its samples in time order. */
    Collection<PromSeries> series() {
        for (PromSeries s : series.values()) {
            s.sortByTime();
        }
        return series.values();
    }

    int seriesCount() {
        return series.size();
    }

    Collection<MetricMetadata> metadata() {
        return metadata.values();
    }

    long droppedPoints() {
        return droppedPoints;
    }

    int failedMetrics() {
        return failedMetrics;
    }

    String errorSummary() {
        return String.join("; ", errors) + (failedMetrics > errors.size() ? "; ..." : "");
    }
}
