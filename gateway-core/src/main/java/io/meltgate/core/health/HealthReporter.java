package io.meltgate.core.health;

/** Where one component reports its own health. Cheap enough to call on every state change. */
@FunctionalInterface
public interface HealthReporter {

    void report(HealthStatus status, String message);

    default void healthy() {
        report(HealthStatus.HEALTHY, "");
    }

    HealthReporter NONE = (status, message) -> { };
}
