package io.meltgate.exporter.testing;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.health.HealthRegistry;
import io.meltgate.core.health.HealthStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the exporter tests share: a context with its own registry and health, short retries, polling. */
public final class ExporterHarness {

    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final HealthRegistry health = new HealthRegistry();

    public ComponentContext context(String id) {
        ComponentId cid = ComponentId.parse(id);
        return new ComponentContext(cid, ComponentKind.EXPORTER, meters, health.register(ComponentKind.EXPORTER, cid));
    }

    /** Retries every 20-100ms, for up to 30s: an outage of a second is ridden out quickly. */
    public static RetrySettings fastRetry() {
        return new RetrySettings(true, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30), 1.5, 0.5);
    }

    public static QueueSettings queue(int consumers, int size, boolean block) {
        return new QueueSettings(true, consumers, size, block, "requests", null, null, false);
    }

    public double counter(String name, String exporter) {
        Counter c = meters.find(name).tag("exporter", exporter).counter();
        return c == null ? 0 : c.count();
    }

    public HealthStatus status(String exporter) {
        return health.snapshot().get("exporter:" + exporter).status();
    }

    /** Polls until the condition holds; false if it did not within the timeout. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** A loopback port nothing listens on (bound, then closed): a dead backend. */
    public static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
