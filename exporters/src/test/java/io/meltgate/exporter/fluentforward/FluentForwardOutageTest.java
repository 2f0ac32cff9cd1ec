package io.meltgate.exporter.fluentforward;

import static io.meltgate.exporter.fluentforward.FluentForwardTestSupport.receiver;
import static io.meltgate.exporter.fluentforward.FluentForwardTestSupport.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.meltgate.receiver.fluentforward.FluentForwardReceiver;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receiving side goes away for a few seconds while the exporter (on the real delivery engine, with acks) keeps
 * taking batches: the engine retries, and once the receiver is back every record arrives exactly once.
 */
class FluentForwardOutageTest {

    private static final int PER_BATCH = 25;

    private final RecordingConsumer sink = new RecordingConsumer();
    private FluentForwardReceiver receiver;
    private Exporter exporter;

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.shutdown();
        }
        if (receiver != null) {
            receiver.shutdown();
        }
    }

    private static LogBatch numbered(int batch) {
        ScopeLogs.Builder sl = ScopeLogs.newBuilder().setScope(OtlpFixtures.scope());
        for (int i = 0; i < PER_BATCH; i++) {
            int seq = batch * PER_BATCH + i;
            sl.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_764_000_000_000_000_000L + seq)
                    .setBody(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("record " + seq))
                    .addAttributes(OtlpFixtures.integer("seq", seq)));
        }
        return LogBatch.of(List.of(ResourceLogs.newBuilder().setResource(OtlpFixtures.resource("svc", 1))
                .addScopeLogs(sl).build()), RequestMetadata.EMPTY);
    }

    @Test
    void nothingAcknowledgedIsLostAndNothingDuplicatedAcrossAnOutage() throws Exception {
        receiver = receiver("127.0.0.1:0", "", null, sink);
        int port = receiver.endpoints().get(0).address().getPort();
        FluentForwardExporterSettings base = FluentForwardTestSupport.exporterSettings(
                List.of("127.0.0.1:" + port), true, true, "", null);
        FluentForwardExporterSettings settings = new FluentForwardExporterSettings(base.endpoint(), base.endpoints(),
                Duration.ofMillis(500), base.tls(), "", "", "", "client.test", true, "outage", true, Map.of(),
                Duration.ofSeconds(1), FluentForwardExporterFactory.DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT,
                QueueSettings.defaults(),
                new RetrySettings(true, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(60), 1.5, 0.2),
                Duration.ofSeconds(2));
        exporter = new FluentForwardExporterFactory().create(FluentForwardTestSupport.context(ComponentKind.EXPORTER),
                settings, Set.of(Signal.LOGS));
        exporter.start();

        int batches = 0;
        for (; batches < 10; batches++) {
            exporter.consume(numbered(batches));
        }
        assertTrue(sink.awaitItems(10L * PER_BATCH, Duration.ofSeconds(10)), "delivered before the outage");

        receiver.shutdown(); // the outage starts
        receiver = null;
        long outageStart = System.nanoTime();
        for (; batches < 30; batches++) {
            exporter.consume(numbered(batches));
            Thread.sleep(50);
        }
        Thread.sleep(Math.max(0, 3000 - (System.nanoTime() - outageStart) / 1_000_000));
        assertTrue(sink.itemCount() == 10L * PER_BATCH, "nothing gets through while the receiver is down");
        receiver = receiver("127.0.0.1:" + port, "", null, sink); // back, on the same port
        for (; batches < 40; batches++) {
            exporter.consume(numbered(batches));
        }
        long total = (long) batches * PER_BATCH;
        assertTrue(sink.awaitItems(total, Duration.ofSeconds(30)), "every record arrives after the outage, got "
                + sink.itemCount() + " of " + total);

        Map<Long, Integer> seen = new TreeMap<>();
        for (LogRecord r : records(sink.batches())) {
            for (KeyValue kv : r.getAttributesList()) {
                if (kv.getKey().equals("seq")) {
                    seen.merge(kv.getValue().getIntValue(), 1, Integer::sum);
                }
            }
        }
        assertEquals(total, seen.size(), "no record lost");
        seen.forEach((seq, n) -> assertEquals(1, n, "record " + seq + " arrived " + n + " times"));
    }
}
