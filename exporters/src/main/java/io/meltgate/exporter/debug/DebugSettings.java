package io.meltgate.exporter.debug;

import io.meltgate.core.component.ComponentSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code debug} exporter's options, the Collector's: {@code verbosity}, and the sampling of what is
 * printed ({@code sampling_initial} batches per second printed, then one in {@code sampling_thereafter}).
 */
public record DebugSettings(Verbosity verbosity, int samplingInitial, int samplingThereafter)
        implements ComponentSettings {

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (samplingInitial < 0) {
            problems.add("sampling_initial must not be negative");
        }
        if (samplingThereafter < 1) {
            problems.add("sampling_thereafter must be at least 1");
        }
        return problems;
    }
}
