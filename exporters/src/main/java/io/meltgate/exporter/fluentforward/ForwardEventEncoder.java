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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Small buffers for the head and the options: {@link MessagePack#newDefaultBufferPacker()} would allocate (and
     * wrap, reflectively) 8 KiB per packer, which showed at the top of the profile at 100,000 records/s.
     */
    private static final MessagePack.PackerConfig SMALL = new MessagePack.PackerConfig().withBufferSize(512);
    /** The entries' packer buffers this much before it copies into the group's growable array. */
    private static final MessagePack.PackerConfig ENTRIES = new MessagePack.PackerConfig().withBufferSize(16 * 1024);

    /** A {@link ByteArrayOutputStream} whose array can be read without a copy. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }

    /** A group of events that share one message: same resource, scope, tag and tag origin. */
    private static final class Group {
        final String tag;
        final boolean tagFromAttribute;
        final Bytes bytes;
        final MessagePacker entries;
        int events;

        /** @param expectedBytes what the entries will likely take: the buffer then grows (copying) rarely */
        Group(String tag, boolean tagFromAttribute, long expectedBytes) {
            this.tag = tag;
            this.tagFromAttribute = tagFromAttribute;
            this.bytes = new Bytes((int) Math.max(1024, Math.min(expectedBytes, 64L << 20)));
            this.entries = ENTRIES.newPacker(bytes);
        }
    }

    /** The resource's attributes, prepared once per resource for every record under it. */
    private static final class ResourcePart {
        final List<KeyValue> attributes;
        /** The attributes a default label does not hide, packed as pairs (no map header). */
        final byte[] packedVisible;
        final int visible;
        /** The keys of {@link #attributes}, to tell fast whether a record attribute hides one. */
        final Set<String> keys;

        ResourcePart(List<KeyValue> attributes) throws IOException {
            this.attributes = attributes;
            MessageBufferPacker p = SMALL.newBufferPacker();
            int n = 0;
            Set<String> k = new HashSet<>(attributes.size() * 2);
            for (KeyValue kv : attributes) {
                k.add(kv.getKey());
                if (!isDefaultLabel(kv.getKey())) {
                    p.packString(kv.getKey());
                    packValue(p, kv.getValue());
                    n++;
                }
            }
            this.packedVisible = p.toByteArray();
            this.visible = n;
            this.keys = k;
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
            for (int index = 0; index < batch.resourceCount(); index++) {
                ResourceLogs rl = batch.resourceLogs().get(index);
                // The resource's attributes are the same in every record: encode them once per resource.
                ResourcePart resourcePart = resource ? new ResourcePart(rl.getResource().getAttributesList()) : null;
                long bytesPerRecord = bytesPerRecord(rl, batch.wireOf(index), resourcePart);
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
                            g = new Group(tag, tagAttribute != null, sl.getLogRecordsCount() * bytesPerRecord);
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
                        packRecord(g.entries, r, resourcePart, tagAttribute != null);
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
        List<KeyValue> attributes = r.getAttributesList();
        for (int i = 0, n = attributes.size(); i < n; i++) {
            KeyValue kv = attributes.get(i);
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
        byte[] b = EVENT_TIME.get();
        b[0] = (byte) (seconds >>> 24);
        b[1] = (byte) (seconds >>> 16);
        b[2] = (byte) (seconds >>> 8);
        b[3] = (byte) seconds;
        b[4] = (byte) (nanos >>> 24);
        b[5] = (byte) (nanos >>> 16);
        b[6] = (byte) (nanos >>> 8);
        b[7] = (byte) nanos;
        p.writePayload(b); // copied into the packer's buffer: the array may be reused at once
    }

    private static final ThreadLocal<byte[]> EVENT_TIME = ThreadLocal.withInitial(() -> new byte[8]);

    private void packRecord(MessagePacker p, LogRecord r, ResourcePart res, boolean tagFromAttribute)
            throws IOException {
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
        int attributeCount = attributes.size();
        boolean hidesResource = false;
        for (int i = 0; i < attributeCount; i++) {
            String key = attributes.get(i).getKey();
            if (!(tagFromAttribute && key.equals(RecordKeys.TAG_ATTRIBUTE)) && !isDefaultLabel(key)) {
                size++;
            }
            hidesResource |= res != null && res.keys.contains(key);
        }
        int visibleResource = 0;
        if (res != null) {
            if (!hidesResource) {
                visibleResource = res.visible; // the common case: no record attribute shares a resource key
            } else {
                for (KeyValue kv : res.attributes) {
                    if (!hidden(kv.getKey(), attributes, true)) {
                        visibleResource++;
                    }
                }
            }
            size += visibleResource;
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
                packHex(p, r.getTraceId());
            }
            if (writeSpanId) {
                p.packString(RecordKeys.SPAN_ID);
                packHex(p, r.getSpanId());
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
        if (res != null && !hidesResource) {
            p.writePayload(res.packedVisible); // nothing hidden by the record: packed once per resource
        } else if (res != null) {
            for (KeyValue kv : res.attributes) {
                if (!hidden(kv.getKey(), attributes, true)) {
                    p.packString(kv.getKey());
                    packValue(p, kv.getValue());
                }
            }
        }
        for (int i = 0; i < attributeCount; i++) {
            KeyValue kv = attributes.get(i);
            String key = kv.getKey();
            if (!(tagFromAttribute && key.equals(RecordKeys.TAG_ATTRIBUTE)) && !isDefaultLabel(key)) {
                p.packString(key);
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

    private static final byte[] HEX_BYTES = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final ThreadLocal<byte[]> HEX_BUFFER = ThreadLocal.withInitial(() -> new byte[64]);

    /** The bytes as a lower-case hex msgpack string, written straight as bytes (no String on the way). */
    static void packHex(MessagePacker p, ByteString bytes) throws IOException {
        int n = bytes.size();
        byte[] out = HEX_BUFFER.get();
        if (out.length < 2 * n) {
            out = new byte[2 * n];
        }
        for (int i = 0; i < n; i++) {
            int b = bytes.byteAt(i) & 0xFF;
            out[2 * i] = HEX_BYTES[b >>> 4];
            out[2 * i + 1] = HEX_BYTES[b & 0xF];
        }
        p.packRawStringHeader(2 * n);
        p.writePayload(out, 0, 2 * n); // copied into the packer's buffer: the array is reused at once
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

    /**
     * About what one record of this resource takes as an event: its share of the entry's received size (OTLP and
     * msgpack sizes are close), plus the resource attributes every event repeats, plus the time and headers. A
     * large message (after a {@code batch} processor: thousands of records) then fills one buffer instead of
     * doubling one several times, each doubling a copy and, at these sizes, an allocation in the old generation.
     */
    private static long bytesPerRecord(ResourceLogs rl, com.google.protobuf.ByteString wire, ResourcePart resourcePart) {
        long records = 0;
        for (ScopeLogs sl : rl.getScopeLogsList()) {
            records += sl.getLogRecordsCount();
        }
        long own = wire != null && records > 0 ? wire.size() / records + 8 : 256;
        return own + (resourcePart != null ? resourcePart.packedVisible.length : 0) + 24;
    }

    private ForwardMessage message(Group g, List<KeyValue> resourceAttributes, InstrumentationScope scope,
                                   boolean withChunk) throws IOException {
        g.entries.flush();
        byte[] entries = gzip ? gzip(g.bytes.array(), g.bytes.size()) : g.bytes.array();
        int entriesLength = gzip ? entries.length : g.bytes.size();
        MessageBufferPacker head = SMALL.newBufferPacker();
        head.packArrayHeader(3);
        head.packString(g.tag);
        head.packBinaryHeader(entriesLength);

        String chunk = withChunk ? newChunkId() : null;
        MessageBufferPacker options = SMALL.newBufferPacker();
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
        return new ForwardMessage(head.toByteArray(), entries, entriesLength, options.toByteArray(), chunk, g.events);
    }

    private static byte[] gzip(byte[] raw, int length) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(buf, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            z.write(raw, 0, length);
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
