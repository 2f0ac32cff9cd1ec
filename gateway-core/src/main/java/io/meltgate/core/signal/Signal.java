package io.meltgate.core.signal;

import java.util.Locale;
import java.util.Optional;

/** The three OTLP signals a pipeline carries. Events are log records with an event name and travel as logs. */
public enum Signal {
    TRACES("traces", "spans"),
    METRICS("metrics", "metric_points"),
    LOGS("logs", "log_records");

    private final String yamlName;
    private final String itemNoun;

    Signal(String yamlName, String itemNoun) {
        this.yamlName = yamlName;
        this.itemNoun = itemNoun;
    }

    /** The name used in {@code service.pipelines} keys: {@code traces}, {@code metrics}, {@code logs}. */
    public String yamlName() {
        return yamlName;
    }

    /** What one item of this signal is called in the Collector's metric names: {@code spans}, {@code metric_points}, {@code log_records}. */
    public String itemNoun() {
        return itemNoun;
    }

    public static Optional<Signal> fromYamlName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Signal s : values()) {
            if (s.yamlName.equals(n)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
