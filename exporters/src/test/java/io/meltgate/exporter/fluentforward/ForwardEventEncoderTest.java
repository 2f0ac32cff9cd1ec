package io.meltgate.exporter.fluentforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ExtensionValue;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/** The log record to Forward event mapping of docs/fluentforward.md, checked on the wire bytes. */
class ForwardEventEncoderTest {

    private static final long T = 1_764_000_000_123_456_789L;

    /** One decoded message: tag, events (time in ns, record as a map of key to msgpack value), options. */
    record Decoded(String tag, List<Long> times, List<Map<String, Value>> records, Map<String, Value> options) {
    }

    static Decoded decode(ForwardMessage m) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        m.writeTo(all);
        MessageUnpacker u = MessagePack.newDefaultUnpacker(all.toByteArray());
        assertEquals(3, u.unpackArrayHeader(), "PackedForward: [tag, entries, option]");
        String tag = u.unpackString();
        byte[] entries = u.readPayload(u.unpackBinaryHeader());
        Map<String, Value> options = new HashMap<>();
        u.unpackValue().asMapValue().map().forEach((k, v) -> options.put(k.asStringValue().asString(), v));
        assertFalse(u.hasNext());
        if (options.containsKey("compressed")) {
            assertEquals("gzip", options.get("compressed").asStringValue().asString());
            entries = new GZIPInputStream(new ByteArrayInputStream(entries)).readAllBytes();
        }
        MessageUnpacker e = MessagePack.newDefaultUnpacker(entries);
        List<Long> times = new ArrayList<>();
        List<Map<String, Value>> records = new ArrayList<>();
        while (e.hasNext()) {
            assertEquals(2, e.unpackArrayHeader());
            ExtensionValue time = e.unpackValue().asExtensionValue();
            assertEquals(0, time.getType(), "EventTime is extension type 0");
            ByteBuffer b = ByteBuffer.wrap(time.getData());
            times.add((b.getInt() & 0xFFFFFFFFL) * 1_000_000_000L + (b.getInt() & 0xFFFFFFFFL));
            Map<String, Value> record = new java.util.LinkedHashMap<>();
            e.unpackValue().asMapValue().map().forEach((k, v) -> record.put(k.asStringValue().asString(), v));
            records.add(record);
        }
        assertEquals(records.size(), options.get("size").asIntegerValue().asInt(), "size = number of events");
        return new Decoded(tag, times, records, options);
    }

    private static FluentForwardExporterSettings settings(boolean gzip, Map<String, Boolean> labels) {
        FluentForwardExporterSettings d = new FluentForwardExporterFactory().defaultSettings();
        return new FluentForwardExporterSettings(d.endpoint(), d.endpoints(), d.connectionTimeout(), d.tls(), "", "",
                "", "", true, "app.logs", gzip, labels, d.recoverWait(), d.maxConnectionsPerEndpoint(), d.sendingQueue(), d.retryOnFailure(),
                d.timeout());
    }

    private static LogBatch oneRecord(LogRecord r) {
        return LogBatch.of(List.of(ResourceLogs.newBuilder().setResource(OtlpFixtures.resource("svc", 3))
                .addScopeLogs(ScopeLogs.newBuilder().setScope(OtlpFixtures.scope()).addLogRecords(r)).build()),
                RequestMetadata.EMPTY);
    }

    private static LogRecord full() {
        return LogRecord.newBuilder()
                .setTimeUnixNano(T).setObservedTimeUnixNano(T + 5)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR).setSeverityText("ERROR")
                .setBody(AnyValue.newBuilder().setStringValue("task failed"))
                .setTraceId(ByteString.copyFrom(new byte[] {0x0a, 0x0b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, (byte) 0xff}))
                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0x80}))
                .setFlags(1)
                .setEventName("task.failed")
                .addAttributes(OtlpFixtures.str("task.id", "t-1"))
                .addAttributes(OtlpFixtures.integer("attempt", 3))
                .addAttributes(OtlpFixtures.str("service.name", "from-record"))
                .build();
    }

    @Test
    void mapsEveryFieldOfALogRecord() throws Exception {
        List<ForwardMessage> messages = new ForwardEventEncoder(settings(false, Map.of())).encode(oneRecord(full()), true);
        assertEquals(1, messages.size());
        Decoded d = decode(messages.get(0));
        assertEquals("app.logs", d.tag(), "the tag option");
        assertEquals(List.of(T), d.times(), "EventTime keeps nanoseconds");
        Map<String, Value> r = d.records().get(0);
        assertEquals("task failed", r.get("message").asStringValue().asString());
        assertEquals("ERROR", r.get("severity").asStringValue().asString());
        assertEquals(17, r.get("severity_number").asIntegerValue().asInt());
        assertEquals("0a0b000102030405060708090a0b0cff", r.get("trace_id").asStringValue().asString());
        assertEquals("0102030405060780", r.get("span_id").asStringValue().asString());
        assertEquals(1, r.get("trace_flags").asIntegerValue().asInt());
        assertEquals("task.failed", r.get("event_name").asStringValue().asString());
        assertEquals(T + 5, r.get("observed_time_unix_nano").asIntegerValue().asLong());
        assertEquals("t-1", r.get("task.id").asStringValue().asString());
        assertEquals(3, r.get("attempt").asIntegerValue().asInt());
        assertEquals("from-record", r.get("service.name").asStringValue().asString(), "a record attribute wins");
        assertEquals("taskmaster", r.get("service.namespace").asStringValue().asString(), "resource attributes");
        assertNotNull(d.options().get("chunk"), "a chunk to acknowledge");
        assertEquals(messages.get(0).chunk(), d.options().get("chunk").asStringValue().asString());
        assertTrue(d.options().containsKey("meltgate"), "the hint for a meltgate receiver");
    }

    @Test
    void timeFallsBackToTheObservedTimeAndStructuredBodiesStayStructured() throws Exception {
        LogRecord r = LogRecord.newBuilder().setObservedTimeUnixNano(T)
                .setBody(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(OtlpFixtures.str("k", "v"))
                        .addValues(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("a")
                                .setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                                        .addValues(AnyValue.newBuilder().setIntValue(1))
                                        .addValues(AnyValue.newBuilder().setBoolValue(true)))))))
                .addAttributes(OtlpFixtures.str("fluent.tag", "from.attribute"))
                .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("bytes")
                        .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("xyz"))))
                .build();
        Decoded d = decode(new ForwardEventEncoder(settings(true, Map.of())).encode(oneRecord(r), false).get(0));
        assertEquals("from.attribute", d.tag(), "the fluent.tag attribute gives the tag");
        assertEquals(List.of(T), d.times());
        Map<String, Value> rec = d.records().get(0);
        assertFalse(rec.containsKey("fluent.tag"), "the tag is not repeated in the record");
        Value body = rec.get("message");
        assertTrue(body.isMapValue(), "a map body is a msgpack map");
        assertEquals(ValueFactory.newString("v"), body.asMapValue().map().get(ValueFactory.newString("k")));
        assertTrue(body.asMapValue().map().get(ValueFactory.newString("a")).isArrayValue(), "arrays stay arrays");
        assertTrue(rec.get("bytes").isBinaryValue(), "bytes are bin");
        assertNull(d.options().get("chunk"), "no chunk without require_ack");
        assertFalse(rec.containsKey("severity"), "absent fields are not written");
        assertFalse(rec.containsKey("trace_id"));
    }

    @Test
    void defaultLabelsCanBeTurnedOffOneByOne() throws Exception {
        Decoded d = decode(new ForwardEventEncoder(settings(false, Map.of("severity", false, "resource", false,
                "observed_time_unix_nano", false))).encode(oneRecord(full()), false).get(0));
        Map<String, Value> r = d.records().get(0);
        assertFalse(r.containsKey("severity"));
        assertTrue(r.containsKey("severity_number"), "only the named label is off");
        assertFalse(r.containsKey("service.namespace"), "no resource attributes");
        assertFalse(r.containsKey("observed_time_unix_nano"));
        assertTrue(r.containsKey("message"));
    }

    @Test
    void oneMessagePerTagAndScopeAndEveryRecordOnce() throws Exception {
        LogBatch fixtures = LogBatch.of(new OtlpFixtures(7).logsRequest(100), RequestMetadata.EMPTY);
        List<ForwardMessage> messages = new ForwardEventEncoder(settings(true, Map.of())).encode(fixtures, true);
        assertEquals(1, messages.size(), "one resource, one scope, one tag: one message");
        Decoded d = decode(messages.get(0));
        assertEquals(100, d.records().size());
        assertEquals(10, d.records().stream().filter(r -> r.containsKey("event_name")).count(), "the events keep their name");
    }
}
