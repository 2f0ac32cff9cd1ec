package io.meltgate.processor.tailsampling;

/**
 * The decisions of the last {@code capacity} decided traces (oldest forgotten first), so that their late spans
 * follow them at once, as the Collector's decided traces stay in its buffer until {@code num_traces} newer ones
 * push them out. A ring of ids and decisions in primitive arrays plus an open-addressing index into it: about 40
 * bytes per remembered trace, no object per trace. The arrays grow up to {@code capacity} as traces are decided.
 * Pipeline thread only.
 */
final class DecidedTraces {

    private final int capacity;
    private long[] highs;
    private long[] lows;
    private long[] decidedAt;
    private boolean[] sampled;
    /** Per entry, a caller's mark (the resource entry in which its late span's age was last recorded). */
    private int[] marks;
    /** Ring position + 1 of each remembered id; 0 is an empty slot. */
    private int[] index;
    private int mask;
    /** Next ring position to write; once the ring is full, also the oldest entry. */
    private int next;
    private int count;

    DecidedTraces(int capacity) {
        this.capacity = capacity;
        allocate(Math.min(capacity, 1 << 12));
    }

    int size() {
        return count;
    }

    /** The ring position of the trace's decision, or -1 when it is not remembered. */
    int find(long high, long low) {
        for (int i = TraceIds.hash(high, low) & mask; ; i = (i + 1) & mask) {
            int p = index[i] - 1;
            if (p < 0) {
                return -1;
            }
            if (lows[p] == low && highs[p] == high) {
                return p;
            }
        }
    }

    boolean sampled(int position) {
        return sampled[position];
    }

    /** Sets the entry's mark to {@code mark}; true when it was another (so a caller acts once per mark). */
    boolean mark(int position, int mark) {
        if (marks[position] == mark) {
            return false;
        }
        marks[position] = mark;
        return true;
    }

    /** {@link System#nanoTime()} of the decision. */
    long decidedAt(int position) {
        return decidedAt[position];
    }

    void put(long high, long low, boolean wasSampled, long nanoTime) {
        if (capacity == 0) {
            return;
        }
        int p = find(high, low);
        if (p < 0) {
            if (count == highs.length && count < capacity) {
                allocate(Math.min(capacity, highs.length * 2));
            }
            p = next;
            if (count == highs.length) {
                unindex(p);
            } else {
                count++;
            }
            next = (next + 1) % highs.length;
            highs[p] = high;
            lows[p] = low;
            int i = TraceIds.hash(high, low) & mask;
            while (index[i] != 0) {
                i = (i + 1) & mask;
            }
            index[i] = p + 1;
        }
        sampled[p] = wasSampled;
        decidedAt[p] = nanoTime;
        marks[p] = 0;
    }

    /** Removes ring position {@code p} from the index (its entry is about to be overwritten). */
    private void unindex(int p) {
        int i = TraceIds.hash(highs[p], lows[p]) & mask;
        while (index[i] != p + 1) {
            i = (i + 1) & mask;
        }
        index[i] = 0;
        for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int q = index[j] - 1;
            int home = TraceIds.hash(highs[q], lows[q]) & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                index[i] = index[j];
                index[j] = 0;
                i = j;
            }
        }
    }

    /**
     * Sets the ring's length; only called while the ring has never wrapped (count == length, next == 0), so the
     * entries keep their positions.
     */
    private void allocate(int length) {
        int n = Math.max(1, length);
        highs = highs == null ? new long[n] : java.util.Arrays.copyOf(highs, n);
        lows = lows == null ? new long[n] : java.util.Arrays.copyOf(lows, n);
        decidedAt = decidedAt == null ? new long[n] : java.util.Arrays.copyOf(decidedAt, n);
        sampled = sampled == null ? new boolean[n] : java.util.Arrays.copyOf(sampled, n);
        marks = marks == null ? new int[n] : java.util.Arrays.copyOf(marks, n);
        next = count;
        index = new int[TraceIds.tableSize(n)];
        mask = index.length - 1;
        for (int p = 0; p < count; p++) {
            int i = TraceIds.hash(highs[p], lows[p]) & mask;
            while (index[i] != 0) {
                i = (i + 1) & mask;
            }
            index[i] = p + 1;
        }
    }
}
