package io.meltgate.exporter.fluentforward;

import io.meltgate.core.data.LogBatch;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Turns a batch of log records into Forward protocol messages: one {@code PackedForward} message per resource,
 * scope and tag (usually one per batch), gzip-compressed into {@code CompressedPackedForward} when asked.
 *
 * <p>Each log record becomes one event: its time is an {@code EventTime} (extension type 0, nanoseconds) from
 * the record's timestamp, or its observed timestamp when that is 0; its record map holds the default labels
 * ({@link RecordKeys}), then the resource's attributes, then the record's attributes (a record attribute hides
 * a resource attribute of the same key; a default label hides an attribute of the same key). The options map
 * carries {@code size}, {@code chunk} (with acks), {@code compressed} and a {@code meltgate} hint (the resource,
 * the scope and where the tag came from) that a meltgate receiver uses to rebuild the exact records and that
 * Fluentd and Fluent Bit ignore. Thread-safe and stateless.
 */
public final class ForwardEventEncoder {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String defaultTag;
    private final boolean gzip;
    private final boolean message;
    private final boolean severity;
    private final boolean severityNumber;
    private final boolean traceId;
    private final boolean spanId;
    private final boolean traceFlags;
    private final boolean eventName;
    private final boolean observedTime;
    private final boolean resource;

    public ForwardEventEncoder(FluentForwardExporterSettings settings) {
        this.defaultTag = settings.tag();
        this.gzip = settings.compressGzip();
        this.message = settings.labelEnabled(RecordKeys.MESSAGE);
        this.severity = settings.labelEnabled(RecordKeys.SEVERITY);
        this.severityNumber = settings.labelEnabled(RecordKeys.SEVERITY_NUMBER);
        this.traceId = settings.labelEnabled(RecordKeys.TRACE_ID);
        this.spanId = settings.labelEnabled(RecordKeys.SPAN_ID);
        this.traceFlags = settings.labelEnabled(RecordKeys.TRACE_FLAGS);
        this.eventName = settings.labelEnabled(RecordKeys.EVENT_NAME);
        this.observedTime = settings.labelEnabled(RecordKeys.OBSERVED_TIME);
        this.resource = settings.labelEnabled(RecordKeys.RESOURCE);
    }

    /** A group of events that share one message: same resource, scope, tag and tag origin. */
    private static final class Group {
        final String tag;
        final boolean tagFromAttribute;
        final MessageBufferPacker entries = MessagePack.newDefaultBufferPacker();
        int events;

        Group(String tag, boolean tagFromAttribute) {
            this.tag = tag;
            this.tagFromAttribute = tagFromAttribute;
        }
    }

    /**
     * Encodes the batch.
     *
     * @param withChunk whether each message carries a fresh {@code chunk} option for the server to acknowledge
     */
    public List<ForwardMessage> encode(LogBatch batch, boolean withChunk) {
        List<ForwardMessage> out = new ArrayList<>(1);
        long now = 0;
        try {
            for (ResourceLogs rl : batch.resourceLogs()) {
                List<KeyValue> resourceAttributes = rl.getResource().getAttributesList();
                // The resource's attributes are the same in every record: encode them once per batch.
                byte[] resourceBytes = resource ? packedPairs(resourceAttributes) : null;
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    if (sl.getLogRecordsCount() == 0) {
                        continue;
                    }
                    Map<String, Group> groups = new LinkedHashMap<>(2);
                    for (LogRecord r : sl.getLogRecordsList()) {
                        String tagAttribute = tagAttribute(r);
                        String tag = tagAttribute != null ? tagAttribute : defaultTag;
                        String key = tagAttribute != null ? "a" + tag : "c" + tag;
                        Group g = groups.get(key);
                        if (g == null) {
                            g = new Group(tag, tagAttribute != null);
                            groups.put(key, g);
                        }
                        long time = r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : r.getObservedTimeUnixNano();
                        if (time == 0) {
                            if (now == 0) {
                                java.time.Instant i = java.time.Instant.now();
                                now = i.getEpochSecond() * 1_000_000_000L + i.getNano();
                            }
                            time = now;
                        }
                        g.entries.packArrayHeader(2);
                        packEventTime(g.entries, time);
                        packRecord(g.entries, r, resourceAttributes, resourceBytes, tagAttribute != null);
                        g.events++;
                    }
                    for (Group g : groups.values()) {
                        out.add(message(g, rl.getResource().getAttributesList(), sl.getScope(), withChunk));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to an in-memory buffer failed", e);
        }
        return out;
    }

    private static String tagAttribute(LogRecord r) {
        for (int i = 0; i < r.getAttributesCount(); i++) {
            KeyValue kv = r.getAttributes(i);
            if (kv.getKey().equals(RecordKeys.TAG_ATTRIBUTE) && kv.getValue().hasStringValue()) {
                return kv.getValue().getStringValue();
            }
        }
        return null;
    }

    /** {@code EventTime}: extension type 0, 8 bytes, seconds then nanoseconds, both big-endian uint32. */
    static void packEventTime(MessagePacker p, long unixNanos) throws IOException {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
        long nanos = Math.floorMod(unixNanos, 1_000_000_000L);
        p.packExtensionTypeHeader((byte) 0, 8);
        byte[] b = new byte[8];
        b[0] = (byte) (seconds >>> 24);
        b[1] = (byte) (seconds >>> 16);
        b[2] = (byte) (seconds >>> 8);
        b[3] = (byte) seconds;
        b[4] = (byte) (nanos >>> 24);
        b[5] = (byte) (nanos >>> 16);
        b[6] = (byte) (nanos >>> 8);
        b[7] = (byte) nanos;
        p.writePayload(b);
    }

    /** Key-value pairs packed back to back, without a map header. */
    private static byte[] packedPairs(List<KeyValue> attributes) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        for (KeyValue kv : attributes) {
            p.packString(kv.getKey());
            packValue(p, kv.getValue());
        }
        return p.toByteArray();
    }

    private void packRecord(MessagePacker p, LogRecord r, List<KeyValue> resourceAttributes, byte[] resourceBytes,
                            boolean tagFromAttribute) throws IOException {
        boolean writeMessage = message && r.hasBody();
        boolean writeSeverity = severity && !r.getSeverityText().isEmpty();
        boolean writeSeverityNumber = severityNumber && r.getSeverityNumberValue() != 0;
        boolean writeTraceId = traceId && !r.getTraceId().isEmpty();
        boolean writeSpanId = spanId && !r.getSpanId().isEmpty();
        boolean writeFlags = traceFlags && r.getFlags() != 0;
        boolean writeEventName = eventName && !r.getEventName().isEmpty();
        boolean writeObserved = observedTime && r.getObservedTimeUnixNano() != 0;
        int size = count(writeMessage, writeSeverity, writeSeverityNumber, writeTraceId, writeSpanId, writeFlags,
                writeEventName, writeObserved);
        int defaults = size;
        List<KeyValue> attributes = r.getAttributesList();
        int visibleResource = 0;
        if (resource) {
            for (KeyValue kv : resourceAttributes) {
                if (!hidden(kv.getKey(), attributes, true)) {
                    visibleResource++;
                }
            }
            size += visibleResource;
        }
        for (KeyValue kv : attributes) {
            if (!(tagFromAttribute && kv.getKey().equals(RecordKeys.TAG_ATTRIBUTE)) && !isDefaultLabel(kv.getKey())) {
                size++;
            }
        }
        p.packMapHeader(size);
        if (defaults > 0) {
            if (writeMessage) {
                p.packString(RecordKeys.MESSAGE);
                packValue(p, r.getBody());
            }
            if (writeSeverity) {
                p.packString(RecordKeys.SEVERITY);
                p.packString(r.getSeverityText());
            }
            if (writeSeverityNumber) {
                p.packString(RecordKeys.SEVERITY_NUMBER);
                p.packInt(r.getSeverityNumberValue());
            }
            if (writeTraceId) {
                p.packString(RecordKeys.TRACE_ID);
                p.packString(hex(r.getTraceId()));
            }
            if (writeSpanId) {
                p.packString(RecordKeys.SPAN_ID);
                p.packString(hex(r.getSpanId()));
            }
            if (writeFlags) {
                p.packString(RecordKeys.TRACE_FLAGS);
                p.packLong(r.getFlags() & 0xFFFFFFFFL);
            }
            if (writeEventName) {
                p.packString(RecordKeys.EVENT_NAME);
                p.packString(r.getEventName());
            }
            if (writeObserved) {
                p.packString(RecordKeys.OBSERVED_TIME);
                p.packLong(r.getObservedTimeUnixNano());
            }
        }
        if (resource && visibleResource == resourceAttributes.size()) {
            p.writePayload(resourceBytes); // nothing hidden: the common case
        } else if (resource) {
            for (KeyValue kv : resourceAttributes) {
                if (!hidden(kv.getKey(), attributes, true)) {
                    p.packString(kv.getKey());
                    packValue(p, kv.getValue());
                }
            }
        }
        for (KeyValue kv : attributes) {
            if (!(tagFromAttribute && kv.getKey().equals(RecordKeys.TAG_ATTRIBUTE)) && !isDefaultLabel(kv.getKey())) {
                p.packString(kv.getKey());
                packValue(p, kv.getValue());
            }
        }
    }

    /** Whether a resource attribute's key is taken by a record attribute or a default label. */
    private static boolean hidden(String key, List<KeyValue> recordAttributes, boolean checkLabels) {
        if (checkLabels && isDefaultLabel(key)) {
            return true;
        }
        for (int i = 0; i < recordAttributes.size(); i++) {
            if (recordAttributes.get(i).getKey().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Record keys that are always the default labels' (even when a label is turned off, so that a receiver never
     * mistakes an attribute for a field).
     */
    private static boolean isDefaultLabel(String key) {
        switch (key) {
            case RecordKeys.MESSAGE, RecordKeys.SEVERITY, RecordKeys.SEVERITY_NUMBER, RecordKeys.TRACE_ID,
                    RecordKeys.SPAN_ID, RecordKeys.TRACE_FLAGS, RecordKeys.EVENT_NAME, RecordKeys.OBSERVED_TIME:
                return true;
            default:
                return false;
        }
    }

    private static int count(boolean... flags) {
        int n = 0;
        for (boolean f : flags) {
            if (f) {
                n++;
            }
        }
        return n;
    }

    /** An OTLP value as msgpack: maps and arrays stay maps and arrays, bytes become bin. */
    static void packValue(MessagePacker p, AnyValue v) throws IOException {
        switch (v.getValueCase()) {
            case STRING_VALUE -> p.packString(v.getStringValue());
            case BOOL_VALUE -> p.packBoolean(v.getBoolValue());
            case INT_VALUE -> p.packLong(v.getIntValue());
            case DOUBLE_VALUE -> p.packDouble(v.getDoubleValue());
            case BYTES_VALUE -> {
                ByteString b = v.getBytesValue();
                p.packBinaryHeader(b.size());
                p.writePayload(b.toByteArray());
            }
            case ARRAY_VALUE -> {
                List<AnyValue> values = v.getArrayValue().getValuesList();
                p.packArrayHeader(values.size());
                for (AnyValue e : values) {
                    packValue(p, e);
                }
            }
            case KVLIST_VALUE -> {
                List<KeyValue> kvs = v.getKvlistValue().getValuesList();
                p.packMapHeader(kvs.size());
                for (KeyValue kv : kvs) {
                    p.packString(kv.getKey());
                    packValue(p, kv.getValue());
                }
            }
            default -> p.packNil();
        }
    }

    static String hex(ByteString bytes) {
        char[] out = new char[bytes.size() * 2];
        for (int i = 0; i < bytes.size(); i++) {
            int b = bytes.byteAt(i) & 0xFF;
            out[2 * i] = HEX[b >>> 4];
            out[2 * i + 1] = HEX[b & 0xF];
        }
        return new String(out);
    }

    private ForwardMessage message(Group g, List<KeyValue> resourceAttributes, InstrumentationScope scope,
                                   boolean withChunk) throws IOException {
        byte[] entries = g.entries.toByteArray();
        if (gzip) {
            entries = gzip(entries);
        }
        MessageBufferPacker head = MessagePack.newDefaultBufferPacker();
        head.packArrayHeader(3);
        head.packString(g.tag);
        head.packBinaryHeader(entries.length);

        String chunk = withChunk ? newChunkId() : null;
        MessageBufferPacker options = MessagePack.newDefaultBufferPacker();
        options.packMapHeader(2 + (chunk != null ? 1 : 0) + (gzip ? 1 : 0));
        options.packString("size");
        options.packInt(g.events);
        if (chunk != null) {
            options.packString("chunk");
            options.packString(chunk);
        }
        if (gzip) {
            options.packString("compressed");
            options.packString("gzip");
        }
        options.packString(RecordKeys.HINT_OPTION);
        options.packMapHeader(3);
        options.packString("resource");
        options.packMapHeader(resourceAttributes.size());
        for (KeyValue kv : resourceAttributes) {
            options.packString(kv.getKey());
            packValue(options, kv.getValue());
        }
        options.packString("scope");
        options.packArrayHeader(2);
        options.packString(scope.getName());
        options.packString(scope.getVersion());
        options.packString("tag_attribute");
        options.packBoolean(g.tagFromAttribute);
        return new ForwardMessage(head.toByteArray(), entries, options.toByteArray(), chunk, g.events);
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(buf, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            z.write(raw);
        }
        return buf.toByteArray();
    }

    /** The spec's chunk id: the Base64 of 128 random bits. */
    private static String newChunkId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] id = new byte[16];
        r.nextBytes(id);
        return Base64.getEncoder().encodeToString(id);
    }
}
