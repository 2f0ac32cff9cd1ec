package io.meltgate.exporter.prometheusremotewrite;

import java.util.Arrays;

/**
 * A Prometheus label set: names and values, sorted by name (remote write requires it), without duplicates, as
 * the general (slow) path of the conversion builds it before it is encoded ({@link EncodedLabels}), and as
 * tests read series back ({@link PromSeries#labels()}). Immutable; equality and hash by content.
 */
final class LabelSet {

    private final String[] names;
    private final String[] values;
    private final int hash;

    /** Takes ownership of the arrays, which must already be sorted by name and free of duplicate names. */
    LabelSet(String[] names, String[] values) {
        this.names = names;
        this.values = values;
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    String[] names() {
        return names;
    }

    String[] values() {
        return values;
    }

    int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    String value(int i) {
        return values[i];
    }

    /** The value of a label, or null. */
    String get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet other && hash == other.hash && Arrays.equals(names, other.names)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ", ").append(names[i]).append("=\"").append(values[i]).append('"');
        }
        return b.append('}').toString();
    }
}
