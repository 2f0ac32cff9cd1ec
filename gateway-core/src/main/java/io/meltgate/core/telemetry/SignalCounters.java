package io.meltgate.core.telemetry;

import io.meltgate.core.signal.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.Map;

/**
 * One counter per signal under a Collector metric prefix: {@code otelcol_receiver_accepted} gives
 * {@code otelcol_receiver_accepted_spans}, {@code _metric_points} and {@code _log_records} (served with the
 * {@code _total} suffix Prometheus gives counters, as the Collector's own endpoint does). Created once.
 */
public final class SignalCounters {

    private final Map<Signal, Counter> counters = new EnumMap<>(Signal.class);

    public SignalCounters(MeterRegistry registry, String prefix, String description, Tags tags) {
        for (Signal s : Signal.values()) {
            counters.put(s, Counter.builder(prefix + "_" + s.itemNoun())
                    .description(description.replace("{items}", s.itemNoun().replace('_', ' ')))
                    .tags(tags)
                    .register(registry));
        }
    }

    public void add(Signal signal, long items) {
        if (items > 0) {
            counters.get(signal).increment(items);
        }
    }

    public double count(Signal signal) {
        return counters.get(signal).count();
    }
}
