package io.meltgate.exporter.prometheusremotewrite;

/**
 * One label of a series that differs between the series of one point ({@code __name__}, {@code le},
 * {@code quantile}), encoded once per conversion as a {@code TimeSeries.labels} entry. Canonical within a
 * conversion (one object per name and value, see {@link Conversion#label}), so series compare them by identity.
 */
final class LabelEntry {

    final byte[] bytes;
    final int hash;

    LabelEntry(byte[] bytes, int hash) {
        this.bytes = bytes;
        this.hash = hash;
    }
}
