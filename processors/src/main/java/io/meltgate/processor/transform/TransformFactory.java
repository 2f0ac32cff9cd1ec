package io.meltgate.processor.transform;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import io.meltgate.ottl.ErrorMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The {@code transform} processor: rewrites telemetry with OTTL statements. */
public final class TransformFactory implements ProcessorFactory<TransformSettings> {

    @Override
    public String type() {
        return "transform";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<TransformSettings> settingsType() {
        return TransformSettings.class;
    }

    /** The Collector's defaults: {@code error_mode: propagate}, no statements. */
    @Override
    public TransformSettings defaultSettings() {
        return new TransformSettings(ErrorMode.PROPAGATE, List.of(), List.of(), List.of());
    }

    @Override
    public Processor create(ComponentContext context, TransformSettings settings, Signal signal, BatchConsumer next)
            throws Exception {
        return new TransformProcessor(context, settings, signal, next);
    }
}
