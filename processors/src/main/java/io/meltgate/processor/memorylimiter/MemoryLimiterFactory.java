package io.meltgate.processor.memorylimiter;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** The {@code memory_limiter} processor: refuses new data, retryably, while the heap is near its limit. */
public final class MemoryLimiterFactory implements ProcessorFactory<MemoryLimiterSettings> {

    @Override
    public String type() {
        return "memory_limiter";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<MemoryLimiterSettings> settingsType() {
        return MemoryLimiterSettings.class;
    }

    /** The Collector's defaults: nothing set, so a config must give check_interval and a limit. */
    @Override
    public MemoryLimiterSettings defaultSettings() {
        return new MemoryLimiterSettings(Duration.ZERO, 0, 0, 0, 0, Duration.ZERO, Duration.ofSeconds(10));
    }

    @Override
    public Processor create(ComponentContext context, MemoryLimiterSettings settings, Signal signal, BatchConsumer next) {
        return new MemoryLimiterProcessor(context, new HeapLimits(settings, Runtime.getRuntime().maxMemory()), settings, next);
    }
}
