package io.meltgate.processor.tailsampling;

/**
 * A trace id as two longs (its first 8 bytes, then the next 8; a shorter id fills fewer bits): the key of the
 * {@code decision_cache} LRU caches. The hot paths key on the two longs directly ({@link TraceTable},
 * {@link DecidedTraces}).
 */
record TraceKey(long high, long low) {

    // Written out: the generated record equals goes through an invokedynamic bootstrap that shows in profiles.
    @Override
    public boolean equals(Object o) {
        return o instanceof TraceKey k && k.high == high && k.low == low;
    }

    @Override
    public int hashCode() {
        return TraceIds.hash(high, low);
    }
}
