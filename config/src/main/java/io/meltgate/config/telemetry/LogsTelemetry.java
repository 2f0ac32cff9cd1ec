package io.meltgate.config.telemetry;

import io.meltgate.core.component.ComponentSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code service.telemetry.logs}, with the Collector's names. meltgate writes one JSON object per line by
 * default ({@code encoding: json}); {@code console} gives the Collector's tab-separated human form.
 * {@code output_paths} and {@code error_output_paths} may name {@code stdout} and {@code stderr} only.
 * Log sampling is not implemented, so {@code sampling.enabled: true} is rejected rather than ignored.
 */
public record LogsTelemetry(String level, boolean development, String encoding, boolean disableCaller,
                            boolean disableStacktrace, Sampling sampling, List<String> outputPaths,
                            List<String> errorOutputPaths, Map<String, Object> initialFields,
                            boolean disableZapResource) implements ComponentSettings {

    static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error", "dpanic", "panic", "fatal");

    /** {@code logs.sampling}: accepted only to switch sampling off. */
    public record Sampling(boolean enabled, Duration tick, int initial, int thereafter) implements ComponentSettings {
        @Override
        public List<String> validate() {
            return enabled ? List.of("enabled: log sampling is not supported by meltgate; remove 'sampling' or set enabled: false")
                    : List.of();
        }
    }

    public static LogsTelemetry defaults() {
        return new LogsTelemetry("info", false, "json", false, false, null, List.of("stderr"), List.of("stderr"),
                Map.of(), false);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (level == null || !LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            problems.add("level must be one of debug, info, warn, error, dpanic, panic, fatal; got '" + level + "'");
        }
        if (!"json".equals(encoding) && !"console".equals(encoding)) {
            problems.add("encoding must be json or console, got '" + encoding + "'");
        }
        for (String p : outputPaths == null ? List.<String>of() : outputPaths) {
            if (!p.equals("stdout") && !p.equals("stderr")) {
                problems.add("output_paths: meltgate writes its logs to stdout or stderr only, got '" + p + "'");
            }
        }
        for (String p : errorOutputPaths == null ? List.<String>of() : errorOutputPaths) {
            if (!p.equals("stdout") && !p.equals("stderr")) {
                problems.add("error_output_paths: only stdout or stderr are supported, got '" + p + "'");
            }
        }
        return problems;
    }

    /** The level in lower case ({@code info}, ...). */
    public String normalizedLevel() {
        return level.toLowerCase(Locale.ROOT);
    }

    /** Where log lines go: stdout when {@code output_paths} names only stdout, else stderr (the Collector's default). */
    public boolean toStdout() {
        return outputPaths != null && !outputPaths.isEmpty() && outputPaths.stream().allMatch("stdout"::equals);
    }
}
