package io.meltgate.processor.batch;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The {@code batch} processor: groups items into larger batches, by size or after a timeout. */
public final class BatchFactory implements ProcessorFactory<BatchSettings> {

    @Override
    public String type() {
        return "batch";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<BatchSettings> settingsType() {
        return BatchSettings.class;
    }

    /** The Collector's defaults: 8192 items or 200 ms, no maximum, no metadata keys, 1000 combinations. */
    @Override
    public BatchSettings defaultSettings() {
        return new BatchSettings(Duration.ofMillis(200), 8192, 0, List.of(), 1000);
    }

    @Override
    public Processor create(ComponentContext context, BatchSettings settings, Signal signal, BatchConsumer next) {
        return new BatchProcessor(context, settings, signal, next);
    }
}
