package io.meltgate.core.component;

import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;

/** Makes processors. Each pipeline gets its own instance, run by that pipeline's thread alone. */
public interface ProcessorFactory<S extends ComponentSettings> extends ComponentFactory<S> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.PROCESSOR;
    }

    Processor create(ComponentContext context, S settings, Signal signal, BatchConsumer next) throws Exception;
}
