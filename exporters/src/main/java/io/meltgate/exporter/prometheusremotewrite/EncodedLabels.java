package io.meltgate.exporter.prometheusremotewrite;

import java.util.Arrays;

/**
 * The labels one data point shares with all of its series, already encoded as {@code TimeSeries.labels}
 * entries in sorted order, with up to two holes: where the series' {@code __name__} goes, and where its
 * {@code le} (or {@code quantile}) goes. A histogram point's 15 series are then this array copied around two
 * small canonical {@link LabelEntry}s, instead of 15 label sets measured, looked up and encoded label by label.
 *
 * <p>Equality and hash are by content (bytes and hole positions), so points with the same labels in one batch
 * find the same series; the hash comes from the label strings' cached hashes, not from the bytes. Immutable.
 */
final class EncodedLabels {

    final byte[] bytes;
    /** Byte offset of the {@code __name__} hole, or -1. */
    final int nameAt;
    /** Byte offset of the second hole, or -1. */
    final int extraAt;
    /** When both holes are at the same offset: the second label sorts before {@code __name__}. */
    final boolean extraFirst;
    final int hash;
    /** The same labels without the second hole, when leaving it out changes no byte (no label had its name); else null. */
    private final EncodedLabels withoutExtra;

    private EncodedLabels(byte[] bytes, int nameAt, int extraAt, boolean extraFirst, int hash, EncodedLabels withoutExtra) {
        this.bytes = bytes;
        this.nameAt = nameAt;
        this.extraAt = extraAt;
        this.extraFirst = extraFirst;
        this.hash = hash;
        this.withoutExtra = withoutExtra;
    }

    /**
     * These labels with no second hole ({@code _sum}, {@code _count} beside {@code _bucket}), sharing the bytes;
     * null when the set had a label of the second hole's name, which then has to be encoded again.
     */
    EncodedLabels withoutExtraHole() {
        return withoutExtra;
    }

    /** Encoded size of a series' labels with these holes filled ({@code extra} null when there is no second hole). */
    int size(LabelEntry name, LabelEntry extra) {
        return bytes.length + (name == null ? 0 : name.bytes.length) + (extra == null ? 0 : extra.bytes.length);
    }

    /** Writes a series' labels, holes filled, at {@code pos} of {@code out}; returns the position after them. */
    int write(byte[] out, int pos, LabelEntry name, LabelEntry extra) {
        byte[] first = name == null ? null : name.bytes;
        int firstAt = nameAt;
        byte[] second = extra == null ? null : extra.bytes;
        int secondAt = extraAt;
        if (first == null || (second != null && (extraAt < nameAt || (extraAt == nameAt && extraFirst)))) {
            first = second;
            firstAt = extraAt;
            second = name == null ? null : name.bytes;
            secondAt = nameAt;
        }
        int from = 0;
        if (first != null) {
            pos = copy(bytes, from, firstAt, out, pos);
            System.arraycopy(first, 0, out, pos, first.length);
            pos += first.length;
            from = firstAt;
        }
        if (second != null) {
            pos = copy(bytes, from, secondAt, out, pos);
            System.arraycopy(second, 0, out, pos, second.length);
            pos += second.length;
            from = secondAt;
        }
        return copy(bytes, from, bytes.length, out, pos);
    }

    private static int copy(byte[] src, int from, int to, byte[] out, int pos) {
        System.arraycopy(src, from, out, pos, to - from);
        return pos + to - from;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof EncodedLabels other && hash == other.hash && nameAt == other.nameAt
                && extraAt == other.extraAt && extraFirst == other.extraFirst && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * Encodes label sets; reuses its scratch arrays and a {@link Utf8Cache} of one conversion, so one per
     * conversion, not thread-safe.
     */
    static final class Encoder {

        private final Utf8Cache utf8;
        private byte[][] names = new byte[16][];
        private byte[][] values = new byte[16][];

        Encoder(Utf8Cache utf8) {
            this.utf8 = utf8;
        }

        /**
         * @param sortedNames label names in sorted order, without duplicates
         * @param nameHole a {@code __name__} among them becomes the name hole (its value is ignored)
         * @param extraName the label every series fills on its own ({@code le}, {@code quantile}; a label of
         *                  that name in the set is left out, as the series' own value replaces it), or null
         */
        EncodedLabels encode(String[] sortedNames, String[] labelValues, boolean nameHole, String extraName) {
            int n = sortedNames.length;
            if (names.length < n) {
                names = new byte[n * 2][];
                values = new byte[n * 2][];
            }
            int size = 0;
            int hash = 1;
            boolean replaced = false;
            for (int i = 0; i < n; i++) {
                String name = sortedNames[i];
                if ((nameHole && name.equals(PrometheusConverter.NAME)) || name.equals(extraName)) {
                    replaced |= name.equals(extraName);
                    names[i] = null;
                    continue;
                }
                names[i] = utf8.get(name);
                values[i] = utf8.get(labelValues[i]);
                size += LabelBytes.entrySize(names[i], values[i]);
                hash = 31 * (31 * hash + name.hashCode()) + labelValues[i].hashCode();
            }
            byte[] out = new byte[size];
            int pos = 0;
            int nameAt = -1;
            int extraAt = -1;
            for (int i = 0; i < n; i++) {
                String name = sortedNames[i];
                if (extraName != null && extraAt < 0 && name.compareTo(extraName) >= 0) {
                    extraAt = pos;
                }
                if (names[i] == null) {
                    if (nameHole && name.equals(PrometheusConverter.NAME)) {
                        nameAt = pos;
                    }
                    continue;
                }
                pos = LabelBytes.writeEntry(out, pos, names[i], values[i]);
            }
            if (extraName != null && extraAt < 0) {
                extraAt = pos;
            }
            boolean extraFirst = extraName != null && extraName.compareTo(PrometheusConverter.NAME) < 0;
            int labelsHash = 31 * hash + (nameAt >= 0 ? 1 : 0);
            EncodedLabels plain = extraName == null || replaced ? null
                    : new EncodedLabels(out, nameAt, -1, false, 31 * labelsHash, null);
            return new EncodedLabels(out, nameAt, extraAt, extraFirst,
                    31 * labelsHash + (extraName == null ? 0 : extraName.hashCode()), plain);
        }
    }
}
