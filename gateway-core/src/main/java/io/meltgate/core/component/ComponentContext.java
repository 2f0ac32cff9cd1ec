package io.meltgate.core.component;

import io.meltgate.core.health.HealthReporter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * What the service gives a component when it is built: its id and kind, the registry for its self-metrics
 * (meters are created once, at construction, and kept in fields), and where it reports its health.
 */
public record ComponentContext(ComponentId id, ComponentKind kind, MeterRegistry meters, HealthReporter health) {

    /** The tag the Collector puts on a component's metrics: {@code receiver="otlp"}, {@code exporter="otlp/2"}. */
    public Tags tags() {
        return Tags.of(kind.singular(), id.toString());
    }
}
