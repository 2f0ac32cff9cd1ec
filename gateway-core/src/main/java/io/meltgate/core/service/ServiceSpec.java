package io.meltgate.core.service;

import io.meltgate.core.component.ComponentId;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated configuration, ready to be built: what the config module produces from {@code pipeline.yaml}
 * and {@link Service} runs. Only components that some pipeline (or {@code service.extensions}) uses are built.
 */
public record ServiceSpec(Map<ComponentId, ComponentSpec> receivers,
                          Map<ComponentId, ComponentSpec> processors,
                          Map<ComponentId, ComponentSpec> exporters,
                          Map<ComponentId, ComponentSpec> extensions,
                          List<ComponentId> enabledExtensions,
                          List<PipelineSpec> pipelines,
                          TelemetrySpec telemetry,
                          Duration shutdownTimeout) {

    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public ServiceSpec {
        receivers = Map.copyOf(receivers);
        processors = Map.copyOf(processors);
        exporters = Map.copyOf(exporters);
        extensions = Map.copyOf(extensions);
        enabledExtensions = List.copyOf(enabledExtensions);
        pipelines = List.copyOf(pipelines);
    }
}
