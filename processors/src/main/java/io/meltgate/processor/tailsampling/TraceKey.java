package io.meltgate.processor.tailsampling;

import com.google.protobuf.ByteString;

/** A trace id as two longs: a cheap map key. */
record TraceKey(long high, long low) {

    static TraceKey of(ByteString traceId) {
        long hi = 0;
        long lo = 0;
        int n = traceId.size();
        for (int i = 0; i < 8 && i < n; i++) {
            hi = (hi << 8) | (traceId.byteAt(i) & 0xff);
        }
        for (int i = 8; i < 16 && i < n; i++) {
            lo = (lo << 8) | (traceId.byteAt(i) & 0xff);
        }
        return new TraceKey(hi, lo);
    }

    // Written out: the generated record equals goes through an invokedynamic bootstrap that shows in profiles.
    @Override
    public boolean equals(Object o) {
        return o instanceof TraceKey k && k.high == high && k.low == low;
    }

    @Override
    public int hashCode() {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        return (int) (h ^ (h >>> 32));
    }

    byte[] bytes() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }
}
