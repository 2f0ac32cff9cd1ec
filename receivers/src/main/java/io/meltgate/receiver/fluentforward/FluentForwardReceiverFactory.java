package io.meltgate.receiver.fluentforward;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Receiver;
import io.meltgate.core.component.ReceiverFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fluentforward}: accepts logs over the Fluentd Forward protocol from Fluentd, Fluent Bit, the Fluent logger
 * libraries and meltgate's fluentforward exporter. The Collector has no default endpoint; ours is Fluentd's port
 * on the loopback interface, {@code localhost:24224}.
 */
public class FluentForwardReceiverFactory implements ReceiverFactory<FluentForwardReceiverSettings> {

    public static final String TYPE = "fluentforward";

    private final String type;

    public FluentForwardReceiverFactory() {
        this(TYPE);
    }

    FluentForwardReceiverFactory(String type) {
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.LOGS);
    }

    @Override
    public Class<FluentForwardReceiverSettings> settingsType() {
        return FluentForwardReceiverSettings.class;
    }

    /**
     * {@code fluent_forward}: the Collector renamed the receiver type to snake_case (keeping {@code fluentforward}
     * as a deprecated alias); both names work here, with the same options.
     */
    public static final class SnakeCaseName extends FluentForwardReceiverFactory {
        public static final String TYPE = "fluent_forward";

        public SnakeCaseName() {
            super(TYPE);
        }
    }

    @Override
    public FluentForwardReceiverSettings defaultSettings() {
        return new FluentForwardReceiverSettings("localhost:24224", Duration.ZERO, "", "", List.of(), null);
    }

    @Override
    public Receiver create(ComponentContext context, FluentForwardReceiverSettings settings,
                           Map<Signal, BatchConsumer> next) {
        BatchConsumer logs = next.get(Signal.LOGS);
        if (logs == null) {
            throw new IllegalArgumentException("the fluentforward receiver feeds logs pipelines only");
        }
        return new FluentForwardReceiver(context, settings, logs);
    }
}
