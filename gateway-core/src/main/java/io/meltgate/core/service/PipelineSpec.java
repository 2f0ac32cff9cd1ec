package io.meltgate.core.service;

import io.meltgate.core.component.ComponentId;
import io.meltgate.core.pipeline.PipelineId;
import java.util.List;

/**
 * One entry of {@code service.pipelines}: its receivers, processors (in order) and exporters, and the size
 * of its ring in slots (a power of two; one slot holds one received request).
 */
public record PipelineSpec(PipelineId id, List<ComponentId> receivers, List<ComponentId> processors,
                           List<ComponentId> exporters, int ringSize) {

    public static final int DEFAULT_RING_SIZE = 1024;

    public PipelineSpec {
        receivers = List.copyOf(receivers);
        processors = List.copyOf(processors);
        exporters = List.copyOf(exporters);
    }
}
