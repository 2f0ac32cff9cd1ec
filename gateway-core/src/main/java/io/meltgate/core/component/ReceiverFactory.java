package io.meltgate.core.component;

import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.util.Map;

/** Makes receivers. One receiver instance per id serves every signal and pipeline that lists it. */
public interface ReceiverFactory<S extends ComponentSettings> extends ComponentFactory<S> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.RECEIVER;
    }

    /**
     * @param next for each signal some pipeline uses this receiver for, the consumer that feeds those
     *     pipelines' rings; it never blocks and refuses with a retryable {@code ConsumeException} when full
     */
    Receiver create(ComponentContext context, S settings, Map<Signal, BatchConsumer> next) throws Exception;
}
