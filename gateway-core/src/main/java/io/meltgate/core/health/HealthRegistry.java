package io.meltgate.core.health;

import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The health of every component of the service, keyed {@code kind:id} ({@code exporter:otlp/backend}).
 * Components write through their {@link HealthReporter}; the health_check extension reads.
 */
public final class HealthRegistry {

    /** One component's latest report. */
    public record Entry(HealthStatus status, String message, Instant since) {
    }

    private final Map<String, Entry> entries = new ConcurrentSkipListMap<>();

    /** Registers a component as UNKNOWN and returns the reporter it writes through. */
    public HealthReporter register(ComponentKind kind, ComponentId id) {
        String key = kind.singular() + ":" + id;
        entries.put(key, new Entry(HealthStatus.UNKNOWN, "", Instant.now()));
        return (status, message) -> entries.compute(key, (k, old) ->
                old != null && old.status() == status && old.message().equals(message)
                        ? old
                        : new Entry(status, message == null ? "" : message, Instant.now()));
    }

    /** Marks a component HEALTHY once it started, unless it already reported something itself. */
    public void startedIfUnknown(ComponentKind kind, ComponentId id) {
        entries.computeIfPresent(kind.singular() + ":" + id, (k, old) ->
                old.status() == HealthStatus.UNKNOWN ? new Entry(HealthStatus.HEALTHY, "started", Instant.now()) : old);
    }

    /** A snapshot, sorted by key. */
    public Map<String, Entry> snapshot() {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(entries));
    }

    /** The worst status of all: HEALTHY only when every component is. UNKNOWN before anything registers. */
    public HealthStatus overall() {
        HealthStatus worst = entries.isEmpty() ? HealthStatus.UNKNOWN : HealthStatus.HEALTHY;
        for (Entry e : entries.values()) {
            if (rank(e.status()) > rank(worst)) {
                worst = e.status();
            }
        }
        return worst;
    }

    private static int rank(HealthStatus s) {
        return switch (s) {
            case HEALTHY -> 0;
            case UNKNOWN -> 1;
            case DEGRADED -> 2;
            case UNHEALTHY -> 3;
        };
    }
}
