package io.meltgate.core.service;

/**
 * {@code service.telemetry}: where the self-metrics are served (none when {@code metricsEnabled} is false,
 * that is {@code level: none}) and the log level.
 */
public record TelemetrySpec(boolean metricsEnabled, String metricsHost, int metricsPort, String logLevel) {

    public static final TelemetrySpec DEFAULT = new TelemetrySpec(true, "localhost", 8888, "info");
}
