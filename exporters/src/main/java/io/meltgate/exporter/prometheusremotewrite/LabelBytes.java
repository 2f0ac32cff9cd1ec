package io.meltgate.exporter.prometheusremotewrite;

/**
 * The protobuf bytes of remote write labels, written by hand: a label is the {@code labels} field (1) of
 * {@code TimeSeries}, a length-delimited {@code Label} message with {@code name} (1) and {@code value} (2),
 * each left out when empty, as proto3 leaves out default values. These are exactly the bytes the generated
 * classes write (the golden wire test decodes them with those classes).
 */
final class LabelBytes {

    private static final byte SERIES_LABELS_TAG = 0x0A; // field 1, length-delimited
    private static final byte LABEL_NAME_TAG = 0x0A;
    private static final byte LABEL_VALUE_TAG = 0x12;

    private LabelBytes() {
    }

    /** Size of one label as a {@code TimeSeries.labels} entry: tag, length, message. */
    static int entrySize(byte[] name, byte[] value) {
        int message = fieldSize(name) + fieldSize(value);
        return 1 + varintSize(message) + message;
    }

    /** Writes one {@code TimeSeries.labels} entry at {@code pos}; returns the position after it. */
    static int writeEntry(byte[] out, int pos, byte[] name, byte[] value) {
        out[pos++] = SERIES_LABELS_TAG;
        pos = writeVarint(out, pos, fieldSize(name) + fieldSize(value));
        pos = writeField(out, pos, LABEL_NAME_TAG, name);
        return writeField(out, pos, LABEL_VALUE_TAG, value);
    }

    /** One entry on its own. */
    static byte[] entry(byte[] name, byte[] value) {
        byte[] out = new byte[entrySize(name, value)];
        writeEntry(out, 0, name, value);
        return out;
    }

    private static int fieldSize(byte[] utf8) {
        return utf8.length == 0 ? 0 : 1 + varintSize(utf8.length) + utf8.length;
    }

    private static int writeField(byte[] out, int pos, byte tag, byte[] utf8) {
        if (utf8.length == 0) {
            return pos;
        }
        out[pos++] = tag;
        pos = writeVarint(out, pos, utf8.length);
        System.arraycopy(utf8, 0, out, pos, utf8.length);
        return pos + utf8.length;
    }

    static int varintSize(int v) {
        return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
    }

    static int writeVarint(byte[] out, int pos, int v) {
        while ((v & ~0x7F) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }
}
