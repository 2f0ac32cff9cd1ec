package io.meltgate.processor.filter;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import io.meltgate.ottl.ErrorMode;
import java.util.EnumSet;
import java.util.Set;

/** The {@code filter} processor: drops spans, span events, metrics, data points and log records by condition. */
public final class FilterFactory implements ProcessorFactory<FilterSettings> {

    @Override
    public String type() {
        return "filter";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<FilterSettings> settingsType() {
        return FilterSettings.class;
    }

    /** The Collector's defaults: {@code error_mode: propagate}, no conditions (everything passes). */
    @Override
    public FilterSettings defaultSettings() {
        return new FilterSettings(ErrorMode.PROPAGATE, FilterSettings.Traces.defaults(), FilterSettings.Metrics.defaults(),
                FilterSettings.Logs.defaults(), FilterSettings.Spans.defaults());
    }

    @Override
    public Processor create(ComponentContext context, FilterSettings settings, Signal signal, BatchConsumer next)
            throws Exception {
        return new FilterProcessor(context, settings, signal, next);
    }
}
