package io.meltgate.core.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The gateway's own metrics. With {@code level: none} the registry is a no-op composite, so components
 * keep their meter fields and pay almost nothing; otherwise a Prometheus registry that {@link MetricsServer}
 * serves in the text format.
 */
public final class SelfTelemetry {

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;

    private SelfTelemetry(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
    }

    public static SelfTelemetry prometheus() {
        PrometheusMeterRegistry p = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new SelfTelemetry(p, p);
    }

    public static SelfTelemetry disabled() {
        return new SelfTelemetry(new CompositeMeterRegistry(), null);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public boolean enabled() {
        return prometheus != null;
    }

    /** The Prometheus text exposition of every meter; empty when disabled. */
    public String scrape() {
        return prometheus == null ? "" : prometheus.scrape();
    }
}
