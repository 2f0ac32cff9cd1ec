package io.meltgate.processor.tailsampling;

/** Hashing of trace ids held as two longs (no key objects). */
final class TraceIds {

    private TraceIds() {
    }

    /** A well-mixed hash of the 16 bytes (ids from a bad generator may vary in a few bits only). */
    static int hash(long high, long low) {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return (int) h;
    }

    /** A power of two with room for {@code entries} at a load of at most one half. */
    static int tableSize(int entries) {
        int n = 16;
        while (n < entries * 2L && n < (1 << 30)) {
            n <<= 1;
        }
        return n;
    }
}
