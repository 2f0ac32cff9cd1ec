package io.meltgate.exporter.prometheusremotewrite;

import io.meltgate.exporter.prometheusremotewrite.wire.Exemplar;
import io.meltgate.exporter.prometheusremotewrite.wire.Histogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One converted series: its labels (the point's {@link EncodedLabels} with this series' own {@code __name__} and
 * {@code le}/{@code quantile} entries, kept encoded), its float samples (parallel arrays, no object per sample),
 * and the exemplars and native histograms that belong to it. Filled by one conversion; not thread-safe.
 */
final class PromSeries {

    final EncodedLabels encodedLabels;
    final LabelEntry name;
    final LabelEntry extra;
    final int hash;
    // Nearly every series of a batch has one sample: it lives in these fields; arrays only from the second on.
    private long firstTimestamp;
    private double firstValue;
    private long[] timestamps;
    private double[] values;
    private int samples;
    private boolean unsorted;
    private List<Exemplar> exemplars;
    private List<Histogram> histograms;

    PromSeries(EncodedLabels labels, LabelEntry name, LabelEntry extra, int hash) {
        this.encodedLabels = labels;
        this.name = name;
        this.extra = extra;
        this.hash = hash;
    }

    /** A series on its own, outside a conversion (for tests): the whole label set encoded, no holes. */
    PromSeries(LabelSet labels) {
        this(new EncodedLabels.Encoder(new Utf8Cache(16)).encode(labels.names(),
                labels.values(), false, null), null, null, 0);
    }

    /** Encoded size of the labels ({@code TimeSeries.labels} entries). */
    int labelsSize() {
        return encodedLabels.size(name, extra);
    }

    int writeLabels(byte[] out, int pos) {
        return encodedLabels.write(out, pos, name, extra);
    }

    /** The labels decoded again, sorted by name: for tests and messages, not for the hot path. */
    LabelSet labels() {
        byte[] b = new byte[labelsSize()];
        writeLabels(b, 0);
        try {
            com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(b);
            List<String> n = new ArrayList<>();
            List<String> v = new ArrayList<>();
            while (!in.isAtEnd()) {
                in.readTag();
                io.meltgate.exporter.prometheusremotewrite.wire.Label l = io.meltgate.exporter.prometheusremotewrite.wire.Label
                        .parseFrom(in.readBytes());
                n.add(l.getName());
                v.add(l.getValue());
            }
            return new LabelSet(n.toArray(new String[0]), v.toArray(new String[0]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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
