package io.meltgate.receiver.fluentforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.RecordingConsumer;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.komamitsu.fluency.EventTime;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.value.Value;

class FluentForwardReceiverTest {

    private final RecordingConsumer sink = new RecordingConsumer();
    private ReceiverHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private ReceiverHarness start(String sharedKey, List<FluentForwardReceiverSettings.User> users) throws Exception {
        harness = new ReceiverHarness(ReceiverHarness.settings("127.0.0.1:0", sharedKey, users), sink);
        return harness;
    }

    private List<LogRecord> records() {
        List<LogRecord> out = new ArrayList<>();
        for (Batch b : sink.batches()) {
            for (ResourceLogs rl : ((LogBatch) b).resourceLogs()) {
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    out.addAll(sl.getLogRecordsList());
                }
            }
        }
        return out;
    }

    static Map<String, AnyValue> attributes(LogRecord r) {
        Map<String, AnyValue> m = new LinkedHashMap<>();
        for (KeyValue kv : r.getAttributesList()) {
            m.put(kv.getKey(), kv.getValue());
        }
        return m;
    }

    @Test
    void fluencyEventsWithAcksArriveOnceWithTheirFields() throws Exception {
        start("", List.of());
        FluencyBuilderForFluentd builder = new FluencyBuilderForFluentd();
        builder.setAckResponseMode(true);
        builder.setFlushAttemptIntervalMillis(50);
        int n = 300;
        try (Fluency fluency = builder.build("127.0.0.1", harness.port())) {
            for (int i = 0; i < n; i++) {
                Map<String, Object> event = new HashMap<>();
                event.put("message", "task " + i + " done");
                event.put("seq", i);
                event.put("ratio", i / 4.0);
                event.put("ok", i % 2 == 0);
                event.put("task", Map.of("id", "t-" + i));
                event.put("labels", List.of("a", "b"));
                fluency.emit(i % 2 == 0 ? "app.even" : "app.odd", EventTime.fromEpoch(1_764_000_000L + i, 123_456_789L),
                        event);
            }
            fluency.flush();
            assertTrue(fluency.waitUntilAllBufferFlushed(10), "Fluency got its acks");
        }
        assertTrue(sink.awaitItems(n, Duration.ofSeconds(10)));
        List<LogRecord> records = records();
        assertEquals(n, records.size(), "every event arrives once");
        boolean[] seen = new boolean[n];
        for (LogRecord r : records) {
            Map<String, AnyValue> a = attributes(r);
            int i = (int) a.get("seq").getIntValue();
            assertFalse(seen[i], "event " + i + " arrived twice");
            seen[i] = true;
            assertEquals("task " + i + " done", r.getBody().getStringValue());
            assertEquals(i % 2 == 0 ? "app.even" : "app.odd", a.get("fluent.tag").getStringValue());
            assertEquals((1_764_000_000L + i) * 1_000_000_000L + 123_456_789L, r.getTimeUnixNano());
            assertEquals(i / 4.0, a.get("ratio").getDoubleValue());
            assertEquals(i % 2 == 0, a.get("ok").getBoolValue());
            assertEquals("t-" + i, a.get("task").getKvlistValue().getValues(0).getValue().getStringValue());
            assertEquals(2, a.get("labels").getArrayValue().getValuesCount());
            assertFalse(a.containsKey("message"), "message is the body, not an attribute");
        }
        assertEquals(n, harness.receiver.endpoints().isEmpty() ? -1
                : harness.meters.get("otelcol_receiver_accepted_log_records").counter().count());
    }

    // ---- the four carrier modes, by hand ---------------------------------------------------------------------

    private static void eventTime(MessagePacker p, long seconds, long nanos) throws Exception {
        p.packExtensionTypeHeader((byte) 0, 8);
        p.writePayload(ByteBuffer.allocate(8).putInt((int) seconds).putInt((int) nanos).array());
    }

    private static void record(MessagePacker p, String key, String body, int seq) throws Exception {
        p.packMapHeader(2).packString(key).packString(body).packString("seq").packInt(seq);
    }

    private static void options(MessagePacker p, String chunk, boolean gzip) throws Exception {
        p.packMapHeader(gzip ? 2 : 1).packString("chunk").packString(chunk);
        if (gzip) {
            p.packString("compressed").packString("gzip");
        }
    }

    @Test
    void acceptsEveryCarrierModeWithEventTimeAndIntegerTimes() throws Exception {
        start("", List.of());
        try (ForwardTestClient c = new ForwardTestClient(harness.port())) {
            // Message: [tag, int time, record, option]
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            p.packArrayHeader(4).packString("m.tag").packLong(1_700_000_000L);
            record(p, "log", "from fluent bit", 1);
            options(p, "c1", false);
            c.write(p.toByteArray());
            assertAck(c.read(), "c1");

            // Forward: [tag, [[EventTime, record], [int, record]], option]
            p = MessagePack.newDefaultBufferPacker();
            p.packArrayHeader(3).packString("f.tag").packArrayHeader(2);
            p.packArrayHeader(2);
            eventTime(p, 1_700_000_001L, 5);
            record(p, "message", "forward one", 2);
            p.packArrayHeader(2).packLong(1_700_000_002L);
            record(p, "message", "forward two", 3);
            options(p, "c2", false);
            c.write(p.toByteArray());
            assertAck(c.read(), "c2");

            // PackedForward (entries as bin) and CompressedPackedForward
            MessageBufferPacker entries = MessagePack.newDefaultBufferPacker();
            entries.packArrayHeader(2);
            eventTime(entries, 1_700_000_003L, 999_999_999L);
            record(entries, "message", "packed one", 4);
            entries.packArrayHeader(2).packLong(1_700_000_004L);
            record(entries, "message", "packed two", 5);
            byte[] raw = entries.toByteArray();
            p = MessagePack.newDefaultBufferPacker();
            p.packArrayHeader(3).packString("p.tag").packBinaryHeader(raw.length).writePayload(raw);
            options(p, "c3", false);
            c.write(p.toByteArray());
            assertAck(c.read(), "c3");

            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
                z.write(raw, 0, raw.length / 2);
            }
            try (GZIPOutputStream z = new GZIPOutputStream(gz)) { // a second gzip member, as Fluent Bit appends
                z.write(raw, raw.length / 2, raw.length - raw.length / 2);
            }
            byte[] compressed = gz.toByteArray();
            p = MessagePack.newDefaultBufferPacker();
            p.packArrayHeader(3).packString("z.tag").packBinaryHeader(compressed.length).writePayload(compressed);
            options(p, "c4", true);
            c.write(p.toByteArray());
            assertAck(c.read(), "c4");

            // A TCP heartbeat (nil) and a message without a chunk get no answer; a later chunk still does.
            p = MessagePack.newDefaultBufferPacker();
            p.packNil();
            p.packArrayHeader(3).packString("no.ack").packLong(1_700_000_005L);
            record(p, "message", "fire and forget", 6);
            p.packArrayHeader(4).packString("m.tag").packLong(1_700_000_006L);
            record(p, "message", "last", 7);
            options(p, "c5", false);
            c.write(p.toByteArray());
            assertAck(c.read(), "c5");
        }
        List<LogRecord> records = records();
        assertEquals(9, records.size());
        Map<Long, LogRecord> bySeq = new HashMap<>();
        for (LogRecord r : records) {
            bySeq.put(attributes(r).get("seq").getIntValue(), r);
        }
        assertEquals("from fluent bit", bySeq.get(1L).getBody().getStringValue());
        assertEquals("m.tag", attributes(bySeq.get(1L)).get("fluent.tag").getStringValue());
        assertEquals(1_700_000_000L * 1_000_000_000L, bySeq.get(1L).getTimeUnixNano());
        assertEquals(1_700_000_001L * 1_000_000_000L + 5, bySeq.get(2L).getTimeUnixNano());
        assertEquals("f.tag", attributes(bySeq.get(3L)).get("fluent.tag").getStringValue());
        assertEquals(1_700_000_003L * 1_000_000_000L + 999_999_999L, bySeq.get(4L).getTimeUnixNano());
        assertEquals(2, records.stream().filter(r -> attributes(r).get("fluent.tag").getStringValue().equals("z.tag"))
                .count(), "both compressed events");
        assertEquals("fire and forget", bySeq.get(6L).getBody().getStringValue());
        assertEquals(1, harness.counter("otelcol_fluent_records_generated") - 8, 1e-9);
    }

    private static void assertAck(Value v, String chunk) {
        assertNotNull(v, "an ack for " + chunk);
        assertEquals(chunk, v.asMapValue().map().get(org.msgpack.value.ValueFactory.newString("ack")).asStringValue()
                .asString());
    }

    @Test
    void aFullRingMeansNoAckAndAClosedConnectionSoTheSenderRetries() throws Exception {
        start("", List.of());
        sink.refuseWith(ConsumeException.retryable("ring full", Duration.ofSeconds(1)));
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packString("t").packLong(1_700_000_000L);
        record(p, "message", "x", 1);
        options(p, "refused", false);
        byte[] msg = p.toByteArray();
        try (ForwardTestClient c = new ForwardTestClient(harness.port())) {
            c.write(msg);
            assertNull(c.read(), "no ack: the connection is closed instead");
        }
        assertEquals(1.0, harness.counter("otelcol_receiver_refused_log_records"));
        assertEquals(0, sink.itemCount());

        sink.refuseWith(null);
        try (ForwardTestClient c = new ForwardTestClient(harness.port())) {
            c.write(msg);
            assertAck(c.read(), "refused");
        }
        assertEquals(1, sink.itemCount());
    }

    @Test
    void aPermanentRefusalIsAcknowledgedAndCounted() throws Exception {
        start("", List.of());
        sink.refuseWith(ConsumeException.permanent("never"));
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packString("t").packLong(1_700_000_000L);
        record(p, "message", "x", 1);
        options(p, "bad", false);
        try (ForwardTestClient c = new ForwardTestClient(harness.port())) {
            c.write(p.toByteArray());
            assertAck(c.read(), "bad");
        }
        assertEquals(1.0, harness.counter("otelcol_receiver_refused_log_records"));
    }

    @Test
    void sharedKeyHandshakeAcceptsTheRightKeyAndRefusesAndCountsAWrongOne() throws Exception {
        start("s3cret", List.of(new FluentForwardReceiverSettings.User("alice", "pw")));
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packString("t").packLong(1_700_000_000L);
        record(p, "message", "authenticated", 1);
        options(p, "k1", false);
        try (ForwardTestClient c = new ForwardTestClient(harness.port())) {
            Value pong = c.handshake("client.test", "s3cret", "alice", "pw");
            assertTrue(pong.asArrayValue().get(1).asBooleanValue().getBoolean(), "PONG ok: " + pong);
            assertEquals("server.test", pong.asArrayValue().get(3).asStringValue().asString());
            c.write(p.toByteArray());
            assertAck(c.read(), "k1");
        }
        try (ForwardTestClient c = new ForwardTestClient(harness.port())) {
            Value pong = c.handshake("client.test", "wrong", "alice", "pw");
            assertFalse(pong.asArrayValue().get(1).asBooleanValue().getBoolean());
            assertEquals("shared_key mismatch", pong.asArrayValue().get(2).asStringValue().asString());
            assertNull(c.read(), "closed after a failed handshake");
        }
        try (ForwardTestClient c = new ForwardTestClient(harness.port())) {
            Value pong = c.handshake("client.test", "s3cret", "alice", "not-pw");
            assertEquals("username/password mismatch", pong.asArrayValue().get(2).asStringValue().asString());
        }
        try (ForwardTestClient c = new ForwardTestClient(harness.port())) {
            c.write(p.toByteArray()); // no PING: the message is not a PING, refused
            c.in.unpackValue(); // HELO
            Value pong = c.read();
            assertFalse(pong.asArrayValue().get(1).asBooleanValue().getBoolean());
        }
        assertEquals(3.0, harness.receiver.handshakeFailures());
        assertEquals(1, sink.itemCount(), "only the authenticated event got in");
    }

    @Test
    void answersUdpHeartbeatsOnTheTcpPort() throws Exception {
        start("", List.of());
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.setSoTimeout(3000);
            udp.send(new DatagramPacket(new byte[] {0}, 1, new InetSocketAddress("127.0.0.1", harness.port())));
            DatagramPacket answer = new DatagramPacket(new byte[4], 4);
            udp.receive(answer);
            assertEquals(1, answer.getLength());
            assertEquals(0, answer.getData()[0]);
        }
    }

    @Test
    void listensOnAUnixSocket() throws Exception {
        Path dir = Files.createTempDirectory("ff");
        Path sock = dir.resolve("fluent.sock");
        harness = new ReceiverHarness(ReceiverHarness.settings("unix://" + sock, "", List.of()), sink);
        assertEquals(sock, harness.receiver.unixSocketPath());
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packString("u.tag").packLong(1_700_000_000L);
        record(p, "message", "over unix", 1);
        options(p, "u1", false);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            ch.write(ByteBuffer.wrap(p.toByteArray()));
            var in = MessagePack.newDefaultUnpacker(java.nio.channels.Channels.newInputStream(ch));
            Value ack = in.unpackValue();
            assertAck(ack, "u1");
        }
        assertEquals("over unix", records().get(0).getBody().getStringValue());
        harness.close();
        harness = null;
        assertFalse(Files.exists(sock), "socket file removed at shutdown");
    }

    @Test
    void countsAcceptedItemsWithTransportTcp() throws Exception {
        start("", List.of());
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packString("t").packLong(1_700_000_000L);
        record(p, "message", "x", 1);
        options(p, "m1", false);
        try (ForwardTestClient c = new ForwardTestClient(harness.port())) {
            c.write(p.toByteArray());
            assertAck(c.read(), "m1");
        }
        assertEquals(1.0, harness.meters.get("otelcol_receiver_accepted_log_records")
                .tag("transport", "tcp").tag("receiver", "fluentforward").counter().count());
        assertEquals(Signal.LOGS, sink.batches().get(0).signal());
    }
}
