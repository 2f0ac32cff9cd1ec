package io.meltgate.config.telemetry;

import io.meltgate.core.component.ComponentSettings;
import java.util.List;

/**
 * {@code service.telemetry.traces}: accepted for compatibility. meltgate does not trace itself, so
 * {@code level} and {@code propagators} change nothing; span processors (exporting its own traces) are not
 * supported and rejected as unknown options.
 */
public record TracesTelemetry(String level, List<String> propagators) implements ComponentSettings {

    public static TracesTelemetry defaults() {
        return new TracesTelemetry("basic", List.of());
    }

    @Override
    public List<String> validate() {
        return List.of("none", "basic", "normal", "detailed").contains(level) ? List.of()
                : List.of("level must be one of none, basic, normal, detailed; got '" + level + "'");
    }
}
