package io.meltgate.processor.memorylimiter;

/**
 * The hard and soft limits in bytes. As in the Collector, the spike limit defaults to 20% of the limit, and the
 * soft limit (where refusals start) is the limit minus the spike limit.
 */
record HeapLimits(long hardBytes, long softBytes) {

    private static final long MIB = 1024L * 1024L;

    HeapLimits(MemoryLimiterSettings s, long maxHeapBytes) {
        this(hard(s, maxHeapBytes), hard(s, maxHeapBytes) - spike(s, maxHeapBytes));
    }

    private static long hard(MemoryLimiterSettings s, long maxHeap) {
        return s.limitMib() > 0 ? s.limitMib() * MIB : maxHeap * s.limitPercentage() / 100;
    }

    private static long spike(MemoryLimiterSettings s, long maxHeap) {
        if (s.limitMib() > 0) {
            return s.spikeLimitMib() > 0 ? s.spikeLimitMib() * MIB : s.limitMib() * MIB / 5;
        }
        return maxHeap * (s.spikeLimitPercentage() > 0 ? s.spikeLimitPercentage() : s.limitPercentage() / 5) / 100;
    }
}
