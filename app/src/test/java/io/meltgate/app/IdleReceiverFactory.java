package io.meltgate.app;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.component.Receiver;
import io.meltgate.core.component.ReceiverFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.util.Map;
import java.util.Set;

/**
 * A receiver that receives nothing, registered for the app's tests only (test-scope services file), so the
 * command line can run a whole gateway before the real receivers are merged in.
 */
public final class IdleReceiverFactory implements ReceiverFactory<IdleReceiverFactory.IdleSettings> {

    /** No options. */
    public record IdleSettings() implements ComponentSettings {
    }

    @Override
    public String type() {
        return "idle";
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);
    }

    @Override
    public Class<IdleSettings> settingsType() {
        return IdleSettings.class;
    }

    @Override
    public IdleSettings defaultSettings() {
        return new IdleSettings();
    }

    @Override
    public Receiver create(ComponentContext context, IdleSettings settings, Map<Signal, BatchConsumer> next) {
        return new Receiver() {
        };
    }
}
