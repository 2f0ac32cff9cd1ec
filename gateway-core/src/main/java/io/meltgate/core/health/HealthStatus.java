package io.meltgate.core.health;

/** A component's health, as the Collector's health_check reports it. */
public enum HealthStatus {
    /** Not started, or nothing known yet. */
    UNKNOWN,
    HEALTHY,
    /** Working, but not as it should: an exporter retrying, a receiver refusing for overload. */
    DEGRADED,
    /** Not working: an exporter that gave up, a receiver that could not bind. */
    UNHEALTHY
}
