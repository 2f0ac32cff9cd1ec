package io.meltgate.processor.attributes;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The {@code attributes} processor: edits the attributes of spans, log records and metric data points. */
public final class AttributesFactory implements ProcessorFactory<AttributesSettings> {

    @Override
    public String type() {
        return "attributes";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<AttributesSettings> settingsType() {
        return AttributesSettings.class;
    }

    /** No actions (which validate rejects, as the Collector does), no include/exclude. */
    @Override
    public AttributesSettings defaultSettings() {
        return new AttributesSettings(List.of(), null, null);
    }

    @Override
    public Processor create(ComponentContext context, AttributesSettings settings, Signal signal, BatchConsumer next) {
        return new AttributesProcessor(settings, signal, next);
    }
}
