package io.meltgate.processor.resource;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The {@code resource} processor: edits resource attributes with the attributes processor's actions. */
public final class ResourceFactory implements ProcessorFactory<ResourceSettings> {

    @Override
    public String type() {
        return "resource";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<ResourceSettings> settingsType() {
        return ResourceSettings.class;
    }

    /** No actions (which validate rejects, as the Collector does). */
    @Override
    public ResourceSettings defaultSettings() {
        return new ResourceSettings(List.of());
    }

    @Override
    public Processor create(ComponentContext context, ResourceSettings settings, Signal signal, BatchConsumer next) {
        return new ResourceProcessor(settings, next);
    }
}
