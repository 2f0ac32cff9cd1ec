package io.meltgate.config.telemetry;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.service.TelemetrySpec;
import java.util.Map;

/**
 * {@code service.telemetry}: the gateway's own logs and metrics, with the Collector's names. {@code resource}
 * attributes are added to every log line (as the Collector adds them to its own logs).
 */
public record TelemetrySettings(LogsTelemetry logs, MetricsTelemetry metrics, TracesTelemetry traces,
                                Map<String, String> resource) implements ComponentSettings {

    public static TelemetrySettings defaults() {
        return new TelemetrySettings(LogsTelemetry.defaults(), MetricsTelemetry.defaults(), TracesTelemetry.defaults(), Map.of());
    }

    /** What the service needs to serve its metrics. */
    public TelemetrySpec toSpec() {
        HostPort at = metrics.listenAddress();
        return new TelemetrySpec(metrics.enabled(), at.host(), at.port(), logs.normalizedLevel());
    }
}
