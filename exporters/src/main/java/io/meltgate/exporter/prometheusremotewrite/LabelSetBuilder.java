package io.meltgate.exporter.prometheusremotewrite;

import java.util.Arrays;

/**
 * Collects labels for one series with the Collector's precedence rules ({@link #put} replaces,
 * {@link #putIfAbsent} does not, {@link #append} joins colliding attribute values with {@code ;}), then
 * builds a sorted {@link LabelSet}. Reused for every data point of a conversion: not thread-safe.
 */
final class LabelSetBuilder {

    private String[] names = new String[16];
    private String[] values = new String[16];
    private int size;

    LabelSetBuilder clear() {
        size = 0;
        return this;
    }

    void put(String name, String value) {
        int i = indexOf(name);
        if (i >= 0) {
            values[i] = value;
        } else {
            add(name, value);
        }
    }

    void putIfAbsent(String name, String value) {
        if (indexOf(name) < 0) {
            add(name, value);
        }
    }

    /** For attributes whose names collide once sanitized: the values are joined, in key order, with ';'. */
    void append(String name, String value) {
        int i = indexOf(name);
        if (i >= 0) {
            values[i] = values[i] + ";" + value;
        } else {
            add(name, value);
        }
    }

    LabelSet build() {
        String[] n = Arrays.copyOf(names, size);
        String[] v = Arrays.copyOf(values, size);
        // Insertion sort: label sets are small, and mostly arrive nearly sorted.
        for (int i = 1; i < size; i++) {
            String kn = n[i];
            String kv = v[i];
            int j = i - 1;
            while (j >= 0 && n[j].compareTo(kn) > 0) {
                n[j + 1] = n[j];
                v[j + 1] = v[j];
                j--;
            }
            n[j + 1] = kn;
            v[j + 1] = kv;
        }
        return new LabelSet(n, v);
    }

    private void add(String name, String value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
