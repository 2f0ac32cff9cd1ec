package io.meltgate.processor.tailsampling;

/**
 * The traces waiting for a decision, by trace id: an open-addressing table of the traces themselves (each knows
 * its id's two longs), so a buffered trace costs one array slot here instead of a key object and a map entry.
 * Linear probing, at most half full, deletion by shifting back. Pipeline thread only.
 */
final class TraceTable {

    private BufferedTrace[] slots;
    private int mask;
    private int size;

    TraceTable(int expected) {
        slots = new BufferedTrace[TraceIds.tableSize(Math.max(8, expected))];
        mask = slots.length - 1;
    }

    int size() {
        return size;
    }

    BufferedTrace get(long high, long low) {
        for (int i = TraceIds.hash(high, low) & mask; ; i = (i + 1) & mask) {
            BufferedTrace t = slots[i];
            if (t == null) {
                return null;
            }
            if (t.traceIdLow() == low && t.traceIdHigh() == high) {
                return t;
            }
        }
    }

    /** Adds a trace whose id is not in the table. */
    void add(BufferedTrace trace) {
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        insert(slots, mask, trace);
        size++;
    }

    void remove(BufferedTrace trace) {
        int i = TraceIds.hash(trace.traceIdHigh(), trace.traceIdLow()) & mask;
        while (slots[i] != trace) {
            if (slots[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = null;
        size--;
        // Shift back the entries after the hole that would no longer be found past it.
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            BufferedTrace e = slots[j];
            int home = TraceIds.hash(e.traceIdHigh(), e.traceIdLow()) & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                slots[i] = e;
                slots[j] = null;
                i = j;
            }
        }
    }

    void clear() {
        java.util.Arrays.fill(slots, null);
        size = 0;
    }

    private void grow() {
        BufferedTrace[] bigger = new BufferedTrace[slots.length * 2];
        int m = bigger.length - 1;
        for (BufferedTrace t : slots) {
            if (t != null) {
                insert(bigger, m, t);
            }
        }
        slots = bigger;
        mask = m;
    }

    private static void insert(BufferedTrace[] table, int m, BufferedTrace t) {
        int i = TraceIds.hash(t.traceIdHigh(), t.traceIdLow()) & m;
        while (table[i] != null) {
            i = (i + 1) & m;
        }
        table[i] = t;
    }
}
