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
 * its samples; kept in the order they were first seen, which puts a point's series side by side for snappy),
 * the metric metadata, and what could not be converted, counted in data points.
 *
 * <p>Series are found by their encoded labels ({@link EncodedLabels} plus canonical {@link LabelEntry}s) in an
 * open-addressing table: no key object, no map entry per series.
 */
final class Conversion {

    private static final int MAX_ERRORS_KEPT = 5;

    private final List<PromSeries> series;
    private PromSeries[] table;
    private final Utf8Cache utf8;
    private final EncodedLabels.Encoder encoder;
    private final Map<String, Map<String, LabelEntry>> entries = new HashMap<>();
    private final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>(2);
    private long droppedPoints;
    private int failedMetrics;

    /** @param expectedSeries a guess, to size the series table once instead of growing it step by step */
    Conversion(int expectedSeries) {
        this.series = new ArrayList<>(Math.max(16, expectedSeries));
        this.table = new PromSeries[Integer.highestOneBit(Math.max(32, expectedSeries * 2) - 1) << 1];
        this.utf8 = new Utf8Cache(Math.min(1 << 12, expectedSeries));
        this.encoder = new EncodedLabels.Encoder(utf8);
    }

    /** See {@link EncodedLabels.Encoder#encode}. */
    EncodedLabels encode(String[] sortedNames, String[] values, boolean nameHole, String extraName) {
        return encoder.encode(sortedNames, values, nameHole, extraName);
    }

    /** The canonical entry of one label of this conversion. */
    LabelEntry label(String name, String value) {
        Map<String, LabelEntry> byValue = entries.computeIfAbsent(name, k -> new HashMap<>());
        LabelEntry e = byValue.get(value);
        if (e == null) {
            e = new LabelEntry(LabelBytes.entry(utf8.get(name), utf8.get(value)), value.hashCode());
            byValue.put(value, e);
        }
        return e;
    }

    /** The series with these labels ({@code extra} null for none), made on first use. */
    PromSeries series(EncodedLabels labels, LabelEntry name, LabelEntry extra) {
        int hash = (labels.hash * 31 + (name == null ? 0 : name.hash)) * 31 + (extra == null ? 0 : extra.hash);
        int mask = table.length - 1;
        int i = mix(hash) & mask;
        while (true) {
            PromSeries s = table[i];
            if (s == null) {
                s = new PromSeries(labels, name, extra, hash);
                table[i] = s;
                series.add(s);
                if (series.size() * 2 > table.length) {
                    grow();
                }
                return s;
            }
            if (s.hash == hash && s.name == name && s.extra == extra
                    && (s.encodedLabels == labels || s.encodedLabels.equals(labels))) {
                return s;
            }
            i = (i + 1) & mask;
        }
    }

    /** The series of a complete label set (with its {@code __name__}). */
    PromSeries series(LabelSet labels) {
        String name = labels.get(PrometheusConverter.NAME);
        return series(encode(labels.names(), labels.values(), name != null, null),
                name == null ? null : label(PrometheusConverter.NAME, name), null);
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private void grow() {
        PromSeries[] bigger = new PromSeries[table.length * 2];
        int mask = bigger.length - 1;
        for (PromSeries s : series) {
            int i = mix(s.hash) & mask;
            while (bigger[i] != null) {
                i = (i + 1) & mask;
            }
            bigger[i] = s;
        }
        table = bigger;
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
        for (PromSeries s : series) {
            s.sortByTime();
        }
        return series;
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
