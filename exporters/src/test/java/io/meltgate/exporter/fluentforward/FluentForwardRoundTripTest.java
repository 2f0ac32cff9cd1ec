package io.meltgate.exporter.fluentforward;

import static io.meltgate.exporter.fluentforward.FluentForwardTestSupport.addr;
import static io.meltgate.exporter.fluentforward.FluentForwardTestSupport.exporterSettings;
import static io.meltgate.exporter.fluentforward.FluentForwardTestSupport.normalized;
import static io.meltgate.exporter.fluentforward.FluentForwardTestSupport.receiver;
import static io.meltgate.exporter.fluentforward.FluentForwardTestSupport.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.meltgate.receiver.fluentforward.FluentForwardReceiver;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.core.tls.TlsServerSettings;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fluentforward exporter against the fluentforward receiver over loopback, with acks, gzip, the shared key
 * handshake and TLS in turn: the log records that come out equal the records that went in, field by field, with
 * their resource and scope.
 */
class FluentForwardRoundTripTest {

    @TempDir
    Path dir;

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

    /** Fixture logs (every 10th an event) plus one record that uses every kind of value and the tag attribute. */
    static LogBatch batch(long seed, int records) {
        ExportLogsServiceRequest req = new OtlpFixtures(seed).logsRequest(records);
        ResourceLogs rl = req.getResourceLogs(0);
        LogRecord odd = LogRecord.newBuilder()
                .setTimeUnixNano(0) // no timestamp: the observed time is the event time
                .setObservedTimeUnixNano(1_764_000_123_456_789_012L)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN2)
                .setBody(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(OtlpFixtures.str("msg", "structured"))
                        .addValues(KeyValue.newBuilder().setKey("list").setValue(AnyValue.newBuilder()
                                .setArrayValue(ArrayValue.newBuilder()
                                        .addValues(AnyValue.newBuilder().setIntValue(-7))
                                        .addValues(AnyValue.newBuilder().setDoubleValue(2.5))
                                        .addValues(AnyValue.getDefaultInstance()))))))
                .addAttributes(OtlpFixtures.str("fluent.tag", "custom.tag"))
                .addAttributes(KeyValue.newBuilder().setKey("raw").setValue(AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {0, 1, (byte) 0xff}))))
                .addAttributes(OtlpFixtures.bool("flag", true))
                .addAttributes(OtlpFixtures.dbl("ratio", 0.25))
                .addAttributes(OtlpFixtures.integer("big", Long.MIN_VALUE))
                .addAttributes(OtlpFixtures.str("host.name", "overridden-by-record"))
                .build();
        ScopeLogs second = ScopeLogs.newBuilder().setScope(OtlpFixtures.scope().toBuilder().setName("other.scope"))
                .addLogRecords(odd).build();
        return LogBatch.of(List.of(rl.toBuilder().addScopeLogs(second).build()), RequestMetadata.EMPTY);
    }

    /** What the receiver must give back for a record: the same, except a missing timestamp became the observed one. */
    static LogRecord expected(LogRecord in) {
        LogRecord.Builder b = in.toBuilder();
        if (in.getTimeUnixNano() == 0) {
            b.setTimeUnixNano(in.getObservedTimeUnixNano());
        }
        return normalized(b.build());
    }

    static java.util.Map<LogRecord, Integer> counts(List<LogRecord> records) {
        java.util.Map<LogRecord, Integer> m = new java.util.HashMap<>();
        records.forEach(r -> m.merge(r, 1, Integer::sum));
        return m;
    }

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("plain", false, false, "", "none"),
                Arguments.of("require_ack", true, false, "", "none"),
                Arguments.of("compress_gzip", true, true, "", "none"),
                Arguments.of("shared_key", true, false, "k3y", "none"),
                Arguments.of("tls", true, false, "", "tls"),
                Arguments.of("mutual tls", true, false, "", "mtls"),
                Arguments.of("everything", true, true, "k3y", "tls"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void recordsOutEqualRecordsIn(String name, boolean ack, boolean gzip, String key, String tls) throws Exception {
        TlsServerSettings serverTls = null;
        TlsClientSettings clientTls = null;
        if (!tls.equals("none")) {
            // One self-signed certificate (a CA of itself) serves as the server's and, for mutual TLS, the client's.
            TestCertificates certs = TestCertificates.selfSigned(dir);
            boolean mutual = tls.equals("mtls");
            String cert = certs.certFile.toString();
            String key2 = certs.keyFile.toString();
            serverTls = new TlsServerSettings(null, null, false, cert, null, key2, null,
                    TlsServerSettings.DEFAULT_MIN_VERSION, null, List.of(), List.of(), Duration.ZERO,
                    mutual ? cert : null, false);
            clientTls = new TlsClientSettings(false, cert, mutual ? cert : null, mutual ? key2 : null, false, null,
                    "1.2", null);
        }
        receiver = receiver("127.0.0.1:0", key, serverTls, sink);
        FluentForwardExporterSettings settings = exporterSettings(List.of(addr(receiver)), ack, gzip, key, clientTls);
        assertEquals(List.of(), settings.validate());
        exporter = new FluentForwardExporterFactory().create(FluentForwardTestSupport.context(ComponentKind.EXPORTER),
                settings, Set.of(Signal.LOGS));
        exporter.start();

        List<LogBatch> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LogBatch b = batch(100 + i, 40);
            sent.add(b);
            exporter.consume(b);
        }
        long total = sent.stream().mapToLong(Batch::itemCount).sum();
        assertTrue(sink.awaitItems(total, Duration.ofSeconds(15)), name + ": all records arrive");

        List<LogRecord> expected = new ArrayList<>();
        for (LogBatch b : sent) {
            for (ResourceLogs rl : b.resourceLogs()) {
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    sl.getLogRecordsList().forEach(r -> expected.add(expected(r)));
                }
            }
        }
        List<LogRecord> received = records(sink.batches());
        assertEquals(expected.size(), received.size(), "nothing lost, nothing duplicated");
        // The engine's sender threads may deliver batches in any order: compare as multisets.
        assertEquals(counts(expected), counts(received), name + ": records out equal records in, field by field");

        // The resource and the scope come back with each record.
        for (Batch b : sink.batches()) {
            for (ResourceLogs rl : ((LogBatch) b).resourceLogs()) {
                assertEquals("task-master", rl.getResource().getAttributes(0).getValue().getStringValue());
                assertEquals(sent.get(0).resourceLogs().get(0).getResource().getAttributesCount(),
                        rl.getResource().getAttributesCount());
                String scope = rl.getScopeLogs(0).getScope().getName();
                assertTrue(scope.equals("io.taskmaster.core") || scope.equals("other.scope"), scope);
            }
        }
        assertFalse(receiver.handshakeFailures() > 0);
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
        TestCertificates certs = TestCertificates.selfSigned(dir);
        String cert = certs.certFile.toString();
        receiver = receiver("127.0.0.1:0", "", new TlsServerSettings(null, null, false, cert, null,
                certs.keyFile.toString(), null, TlsServerSettings.DEFAULT_MIN_VERSION, null, List.of(), List.of(),
                Duration.ZERO, cert, false), sink);
        FluentForwardSender sender = new FluentForwardSender(exporterSettings(List.of(addr(receiver)), true, false, "",
                new TlsClientSettings(false, cert, null, null, false, null, "1.2", null)));
        sender.start();
        try {
            assertThrows(SendException.class, () -> sender.send(batch(5, 3), Duration.ofSeconds(3)));
        } finally {
            sender.shutdown();
        }
        assertEquals(0, sink.itemCount());
    }

    @Test
    void aWrongSharedKeyIsRefusedCountedAndPermanent() throws Exception {
        receiver = receiver("127.0.0.1:0", "right", null, sink);
        FluentForwardSender sender = new FluentForwardSender(
                exporterSettings(List.of(addr(receiver)), true, false, "wrong", null));
        sender.start();
        try {
            SendException e = assertThrows(SendException.class,
                    () -> sender.send(batch(1, 5), Duration.ofSeconds(3)));
            assertFalse(e.isRetryable(), "a wrong shared key does not heal by retrying");
            assertTrue(e.getMessage().contains("shared_key mismatch"), e.getMessage());
        } finally {
            sender.shutdown();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (receiver.handshakeFailures() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1.0, receiver.handshakeFailures(), "the receiver counted the refusal");
        assertEquals(0, sink.itemCount());
    }

    @Test
    void aServerThatRequiresTheHandshakeIsAClearPermanentErrorWithoutASharedKey() throws Exception {
        receiver = receiver("127.0.0.1:0", "needed", null, sink);
        FluentForwardSender sender = new FluentForwardSender(
                exporterSettings(List.of(addr(receiver)), true, false, "", null));
        sender.start();
        try {
            SendException e = assertThrows(SendException.class,
                    () -> sender.send(batch(4, 3), Duration.ofSeconds(3)));
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().contains("set shared_key"), e.getMessage());
        } finally {
            sender.shutdown();
        }
        assertEquals(0, sink.itemCount());
    }

    @Test
    void noAckWithinTheTimeoutIsRetryable() throws Exception {
        receiver = receiver("127.0.0.1:0", "", null, sink);
        sink.stall(); // the pipeline holds the batch: the receiver cannot ack
        FluentForwardSender sender = new FluentForwardSender(
                exporterSettings(List.of(addr(receiver)), true, false, "", null));
        sender.start();
        try {
            SendException e = assertThrows(SendException.class,
                    () -> sender.send(batch(2, 5), Duration.ofMillis(500)));
            assertTrue(e.isRetryable(), e.getMessage());
        } finally {
            sink.release();
            sender.shutdown();
        }
    }

    @Test
    void aPeerThatStopsReadingCannotHoldASenderPastItsTimeout() throws Exception {
        try (java.net.ServerSocket blackHole = new java.net.ServerSocket()) {
            blackHole.setReceiveBufferSize(4096);
            blackHole.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept()); // accepted, never read
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            FluentForwardSender sender = new FluentForwardSender(exporterSettings(
                    List.of("127.0.0.1:" + blackHole.getLocalPort()), false, false, "", null));
            sender.start();
            try {
                LogBatch big = LogBatch.of(new OtlpFixtures(9).logsRequest(30_000), RequestMetadata.EMPTY);
                SendException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(SendException.class, () -> sender.send(big, Duration.ofSeconds(1))));
                assertTrue(e.isRetryable(), e.getMessage());
            } finally {
                sender.shutdown();
                for (java.net.Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aRingFullRefusalIsRetryableAndTheRetryIsDelivered() throws Exception {
        receiver = receiver("127.0.0.1:0", "", null, sink);
        sink.refuseWith(io.meltgate.core.consumer.ConsumeException.retryable("ring full", Duration.ofSeconds(1)));
        FluentForwardSender sender = new FluentForwardSender(
                exporterSettings(List.of(addr(receiver)), true, false, "", null));
        sender.start();
        try {
            LogBatch b = batch(3, 7);
            SendException e = assertThrows(SendException.class, () -> sender.send(b, Duration.ofSeconds(2)));
            assertTrue(e.isRetryable());
            sink.refuseWith(null);
            sender.send(b, Duration.ofSeconds(2));
            assertEquals(b.itemCount(), sink.itemCount());
        } finally {
            sender.shutdown();
        }
    }
}
