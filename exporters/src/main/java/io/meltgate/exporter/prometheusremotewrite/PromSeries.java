package io.meltgate.exporter.prometheusremotewrite;

import io.meltgate.exporter.prometheusremotewrite.wire.Exemplar;
import io.meltgate.exporter.prometheusremotewrite.wire.Histogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One converted series: its labels, its float samples (parallel arrays, no object per sample), and the
 * exemplars and native histograms that belong to it. Filled by one conversion; not thread-safe.
 */
final class PromSeries {

    final LabelSet labels;
    // Nearly every series of a batch has one sample: it lives in these fields; arrays only from the second on.
    private long firstTimestamp;
    private double firstValue;
    private long[] timestamps;
    private double[] values;
    private int samples;
    private boolean unsorted;
    private List<Exemplar> exemplars;
    private List<Histogram> histograms;

    PromSeries(LabelSet labels) {
        this.labels = labels;
    }

    void addSample(long timestampMillis, double value) {
        if (samples == 0) {
            firstTimestamp = timestampMillis;
            firstValue = value;
            samples = 1;
            return;
        }
        if (timestamps == null) {
            timestamps = new long[4];
            values = new double[4];
            timestamps[0] = firstTimestamp;
            values[0] = firstValue;
        } else if (samples == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, samples * 2);
            values = Arrays.copyOf(values, samples * 2);
        }
        if (timestampMillis < timestamps[samples - 1]) {
            unsorted = true;
        }
        timestamps[samples] = timestampMillis;
        values[samples] = value;
        samples++;
    }

    void addExemplar(Exemplar exemplar) {
        if (exemplars == null) {
            exemplars = new ArrayList<>(2);
        }
        exemplars.add(exemplar);
    }

    void addHistogram(Histogram histogram) {
        if (histograms == null) {
            histograms = new ArrayList<>(1);
        }
        histograms.add(histogram);
    }

    int sampleCount() {
        return samples;
    }

    long timestamp(int i) {
        return timestamps == null ? firstTimestamp : timestamps[i];
    }

    double value(int i) {
        return values == null ? firstValue : values[i];
    }

    List<Exemplar> exemplars() {
        return exemplars == null ? List.of() : exemplars;
    }

    List<Histogram> histograms() {
        return histograms == null ? List.of() : histograms;
    }

    /**
     * Puts samples, histograms and exemplars in time order: Prometheus rejects a sample older than the last
     * one it stored for a series, so a series that collected points out of order must be sorted before
     * sending. Stable, so points with equal timestamps keep their arrival order.
     */
    void sortByTime() {
        if (unsorted) {
            Integer[] order = new Integer[samples];
            for (int i = 0; i < samples; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong(i -> timestamps[i]));
            long[] t = new long[samples];
            double[] v = new double[samples];
            for (int i = 0; i < samples; i++) {
                t[i] = timestamps[order[i]];
                v[i] = values[order[i]];
            }
            timestamps = t;
            values = v;
            unsorted = false;
        }
        if (histograms != null && histograms.size() > 1) {
            histograms.sort(Comparator.comparingLong(Histogram::getTimestamp));
        }
        if (exemplars != null && exemplars.size() > 1) {
            exemplars.sort(Comparator.comparingLong(Exemplar::getTimestamp));
        }
    }
}
