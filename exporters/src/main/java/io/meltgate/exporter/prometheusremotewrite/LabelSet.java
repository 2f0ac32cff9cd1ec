package io.meltgate.exporter.prometheusremotewrite;

import java.util.Arrays;

/**
 * The identity of one Prometheus series: label names and values, sorted by name (remote write requires it),
 * without duplicates. Immutable; equality and hash by content, so series can be merged in a map.
 */
final class LabelSet {

    private final String[] names;
    private final String[] values;
    private final int namesHash;
    private final int hash;

    /** Takes ownership of the arrays, which must already be sorted by name and free of duplicate names. */
    LabelSet(String[] names, String[] values) {
        this(names, Arrays.hashCode(names), values);
    }

    /** For label sets that share one sorted names array (and its hash); takes ownership of {@code values}. */
    static LabelSet withSharedNames(String[] names, int namesHash, String[] values) {
        return new LabelSet(names, namesHash, values);
    }

    private LabelSet(String[] names, int namesHash, String[] values) {
        this.names = names;
        this.values = values;
        this.namesHash = namesHash;
        this.hash = 31 * namesHash + Arrays.hashCode(values);
    }

    /** The position of a label, or a negative number. */
    int indexOf(String name) {
        return Arrays.binarySearch(names, name);
    }

    /**
     * This set with the value at {@code index} replaced: shares the names (and their hash), so the many
     * series derived from one point ({@code _bucket} by {@code le}, {@code _sum}, {@code _count}) cost one
     * small array each.
     */
    LabelSet withValueAt(int index, String value) {
        String[] v = values.clone();
        v[index] = value;
        return new LabelSet(names, namesHash, v);
    }

    /** {@link #withValueAt} for two positions at once. */
    LabelSet withValuesAt(int i, String vi, int j, String vj) {
        String[] v = values.clone();
        v[i] = vi;
        v[j] = vj;
        return new LabelSet(names, namesHash, v);
    }

    String[] names() {
        return names;
    }

    int namesHash() {
        return namesHash;
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

    /** This set with one more label, or with its value replaced; stays sorted. */
    LabelSet with(String name, String value) {
        int pos = Arrays.binarySearch(names, name);
        if (pos >= 0) {
            return withValueAt(pos, value);
        }
        int at = -pos - 1;
        String[] n = new String[names.length + 1];
        String[] v = new String[names.length + 1];
        System.arraycopy(names, 0, n, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        n[at] = name;
        v[at] = value;
        System.arraycopy(names, at, n, at + 1, names.length - at);
        System.arraycopy(values, at, v, at + 1, names.length - at);
        return new LabelSet(n, v);
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
