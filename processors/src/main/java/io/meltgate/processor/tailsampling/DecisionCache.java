package io.meltgate.processor.tailsampling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trace ids whose decision is remembered after their spans are gone, evicting the least recently used (or, with
 * {@code accessOrder} false, the oldest) past {@code capacity}. Capacity 0 remembers nothing. Pipeline thread only.
 */
final class DecisionCache<V> {

    private final int capacity;
    private final LinkedHashMap<TraceKey, V> entries;

    DecisionCache(int capacity, boolean accessOrder) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, accessOrder) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TraceKey, V> eldest) {
                return size() > DecisionCache.this.capacity;
            }
        };
    }

    /** Whether it remembers anything (capacity above 0): callers skip building keys otherwise. */
    boolean enabled() {
        return capacity > 0;
    }

    V get(TraceKey key) {
        return capacity == 0 ? null : entries.get(key);
    }

    void put(TraceKey key, V value) {
        if (capacity > 0) {
            entries.put(key, value);
        }
    }

    int size() {
        return entries.size();
    }
}
