package io.meltgate.processor.probabilisticsampler;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.util.Set;

/** Makes {@code probabilistic_sampler} processors (traces and logs). The Collector's defaults live here. */
public final class ProbabilisticSamplerFactory implements ProcessorFactory<ProbabilisticSamplerSettings> {

    public static final String TYPE = "probabilistic_sampler";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.TRACES, Signal.LOGS);
    }

    @Override
    public Class<ProbabilisticSamplerSettings> settingsType() {
        return ProbabilisticSamplerSettings.class;
    }

    @Override
    public ProbabilisticSamplerSettings defaultSettings() {
        return new ProbabilisticSamplerSettings(0, 0, "hash_seed", true, 4, "traceID", "", "");
    }

    @Override
    public Processor create(ComponentContext context, ProbabilisticSamplerSettings settings, Signal signal,
                            BatchConsumer next) {
        return new ProbabilisticSamplerProcessor(context, settings, signal, next);
    }
}
