package io.meltgate.exporter.loadbalancing;

import io.meltgate.core.signal.Signal;
import java.util.Locale;
import java.util.Set;

/** {@code routing_key}: what decides the backend of an item. */
public enum RoutingKey {
    /** Every span (log record) of a trace to the same backend: the default for traces and logs. */
    TRACE_ID("traceID", Set.of(Signal.TRACES, Signal.LOGS)),
    /** By the resource's {@code service.name}: the default for metrics. */
    SERVICE("service", Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)),
    /** By all resource attributes. */
    RESOURCE("resource", Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)),
    /** By resource and metric name. */
    METRIC("metric", Set.of(Signal.METRICS)),
    /** By resource, scope, metric name and data point attributes: each time series to one backend. */
    STREAM_ID("streamID", Set.of(Signal.METRICS));

    final String yamlName;
    final Set<Signal> signals;

    RoutingKey(String yamlName, Set<Signal> signals) {
        this.yamlName = yamlName;
        this.signals = signals;
    }

    /** The key for a signal when {@code routing_key} is empty: traceID, or service for metrics (as the Collector). */
    static RoutingKey of(String value, Signal signal) {
        if (value == null || value.isEmpty()) {
            return signal == Signal.METRICS ? SERVICE : TRACE_ID;
        }
        for (RoutingKey k : values()) {
            if (k.yamlName.equals(value) || k.yamlName.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown routing_key \"" + value + "\"");
    }
}
