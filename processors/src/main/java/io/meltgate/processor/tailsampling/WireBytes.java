package io.meltgate.processor.tailsampling;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Protobuf wire helpers: the array behind a received slice, varints written into arrays. */
final class WireBytes {

    /** A range of an array. */
    record Range(byte[] array, int offset, int length) {
    }

    private WireBytes() {
    }

    /**
     * The array and range behind {@code bytes} without copying when it is one flat slice (as the receiver's
     * slices of a request are); a copy otherwise.
     */
    static Range of(ByteString bytes) {
        Capture c = new Capture();
        try {
            UnsafeByteOperations.unsafeWriteTo(bytes, c);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (c.pieces == 1 && c.array != null) {
            return new Range(c.array, c.offset, c.length);
        }
        byte[] copy = bytes.toByteArray();
        return new Range(copy, 0, copy.length);
    }

    static int varintSize(int value) {
        if ((value & (~0 << 7)) == 0) {
            return 1;
        }
        if ((value & (~0 << 14)) == 0) {
            return 2;
        }
        if ((value & (~0 << 21)) == 0) {
            return 3;
        }
        if ((value & (~0 << 28)) == 0) {
            return 4;
        }
        return 5;
    }

    /** Writes {@code value} as a varint at {@code pos}; returns the position after it. */
    static int writeVarint(byte[] out, int pos, int value) {
        while ((value & ~0x7F) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
        return pos;
    }

    /** Records where a flat ByteString keeps its bytes. */
    private static final class Capture extends ByteOutput {
        byte[] array;
        int offset;
        int length;
        int pieces;

        @Override
        public void write(byte value) {
            pieces += 2;
        }

        @Override
        public void write(byte[] value, int offset, int length) {
            writeLazy(value, offset, length);
        }

        @Override
        public void writeLazy(byte[] value, int offset, int length) {
            pieces++;
            this.array = value;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public void write(ByteBuffer value) {
            pieces += 2;
        }

        @Override
        public void writeLazy(ByteBuffer value) {
            pieces += 2;
        }
    }
}
