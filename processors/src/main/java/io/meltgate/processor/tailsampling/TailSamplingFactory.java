package io.meltgate.processor.tailsampling;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Makes {@code tail_sampling} processors (traces only). The Collector's defaults live here. */
public final class TailSamplingFactory implements ProcessorFactory<TailSamplingSettings> {

    public static final String TYPE = "tail_sampling";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.TRACES);
    }

    @Override
    public Class<TailSamplingSettings> settingsType() {
        return TailSamplingSettings.class;
    }

    @Override
    public TailSamplingSettings defaultSettings() {
        return new TailSamplingSettings(Duration.ofSeconds(30), 50_000, 0,
                TailSamplingSettings.DecisionCacheSettings.defaults(), false, false, false, List.of());
    }

    @Override
    public Processor create(ComponentContext context, TailSamplingSettings settings, Signal signal, BatchConsumer next) {
        return new TailSamplingProcessor(context, settings, next);
    }
}
