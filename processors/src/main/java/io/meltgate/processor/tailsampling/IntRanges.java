package io.meltgate.processor.tailsampling;

import java.util.Arrays;

/** A reusable list of (start, length) ranges of one array; {@link #copy} joins them into a new array. */
final class IntRanges {

    int[] starts = new int[8];
    int[] lengths = new int[8];
    private int size;

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    void add(int start, int length) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        starts[size] = start;
        lengths[size] = length;
        size++;
    }

    /** The bytes of every range of {@code a} in {@code before}, then in {@code after}, as a message head. */
    static SpanChunk.Head head(byte[] a, IntRanges before, IntRanges after) {
        byte[] first = before.copy(a);
        byte[] second = after.copy(a);
        if (second.length == 0) {
            return new SpanChunk.Head(first, first.length);
        }
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return new SpanChunk.Head(all, first.length);
    }

    /** The bytes of every range of {@code a}, in order, in a new array of their exact size. */
    byte[] copy(byte[] a) {
        int total = 0;
        for (int i = 0; i < size; i++) {
            total += lengths[i];
        }
        byte[] out = new byte[total];
        int pos = 0;
        for (int i = 0; i < size; i++) {
            System.arraycopy(a, starts[i], out, pos, lengths[i]);
            pos += lengths[i];
        }
        return out;
    }
}
