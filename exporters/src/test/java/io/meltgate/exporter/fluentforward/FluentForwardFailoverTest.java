package io.meltgate.exporter.fluentforward;

import static io.meltgate.exporter.fluentforward.FluentForwardTestSupport.addr;
import static io.meltgate.exporter.fluentforward.FluentForwardTestSupport.receiver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.meltgate.receiver.fluentforward.FluentForwardReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several servers, as Fluentd's out_forward uses them: weighted balancing, failover, and a standby. */
class FluentForwardFailoverTest {

    private final RecordingConsumer a = new RecordingConsumer();
    private final RecordingConsumer b = new RecordingConsumer();
    private final RecordingConsumer c = new RecordingConsumer();
    private FluentForwardReceiver ra;
    private FluentForwardReceiver rb;
    private FluentForwardReceiver rc;
    private FluentForwardSender sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.shutdown();
        }
        for (FluentForwardReceiver r : new FluentForwardReceiver[] {ra, rb, rc}) {
            if (r != null) {
                r.shutdown();
            }
        }
    }

    private static LogBatch batch(int seed) {
        return LogBatch.of(new OtlpFixtures(seed).logsRequest(10), RequestMetadata.EMPTY);
    }

    private void sendAll(int from, int to) throws SendException {
        for (int i = from; i < to; i++) {
            sender.send(batch(i), Duration.ofSeconds(3));
        }
    }

    @Test
    void balancesOverActiveServersFailsOverAndFallsBackToTheStandby() throws Exception {
        ra = receiver("127.0.0.1:0", "", null, a);
        rb = receiver("127.0.0.1:0", "", null, b);
        rc = receiver("127.0.0.1:0", "", null, c);
        FluentForwardExporterSettings base = FluentForwardTestSupport.exporterSettings(
                List.of(addr(ra), addr(rb)), true, false, "", null);
        FluentForwardExporterSettings settings = new FluentForwardExporterSettings(base.endpoint(),
                List.of(base.endpoints().get(0), new FluentForwardExporterSettings.Endpoint(addr(rc), false, 60, true)),
                base.connectionTimeout(), base.tls(), "", "", "", "client.test", true, "t", false, base.defaultLabelsEnabled(),
                Duration.ofSeconds(30), base.maxConnectionsPerEndpoint(), base.sendingQueue(), base.retryOnFailure(), base.timeout());
        sender = new FluentForwardSender(settings);
        sender.start();

        sendAll(0, 20);
        assertEquals(200, a.itemCount() + b.itemCount(), "every batch delivered once");
        assertEquals(100, a.itemCount(), "equal weights share the sends evenly");
        assertEquals(100, b.itemCount());
        assertEquals(0, c.itemCount(), "the standby idles while active servers are up");

        ra.shutdown();
        ra = null;
        sendAll(20, 30);
        assertEquals(200, b.itemCount(), "with one active server down, the other takes everything");
        assertEquals(100, a.itemCount());

        rb.shutdown();
        rb = null;
        sendAll(30, 35);
        assertEquals(50, c.itemCount(), "with every active server down, the standby takes over");
        assertTrue(a.itemCount() + b.itemCount() + c.itemCount() == 350, "nothing lost, nothing duplicated");
    }
}
