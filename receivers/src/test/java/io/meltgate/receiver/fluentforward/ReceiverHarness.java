package io.meltgate.receiver.fluentforward;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.signal.Signal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts a fluentforward receiver on 127.0.0.1:0 (or a given endpoint) feeding a consumer. */
final class ReceiverHarness implements AutoCloseable {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final FluentForwardReceiver receiver;

    ReceiverHarness(FluentForwardReceiverSettings settings, BatchConsumer next) throws Exception {
        ComponentContext ctx = new ComponentContext(ComponentId.of("fluentforward"), ComponentKind.RECEIVER, meters,
                HealthReporter.NONE);
        receiver = (FluentForwardReceiver) new FluentForwardReceiverFactory().create(ctx, settings,
                Map.of(Signal.LOGS, next));
        receiver.start();
    }

    static FluentForwardReceiverSettings settings(String endpoint, String sharedKey,
                                                  List<FluentForwardReceiverSettings.User> users) {
        return new FluentForwardReceiverSettings(endpoint, Duration.ZERO, sharedKey, "server.test", users, null);
    }

    int port() {
        return receiver.endpoints().get(0).address().getPort();
    }

    double counter(String name) {
        return meters.get(name).counter().count();
    }

    @Override
    public void close() {
        receiver.shutdown();
    }
}
