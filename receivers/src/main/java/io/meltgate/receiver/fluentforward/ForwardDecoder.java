package io.meltgate.receiver.fluentforward;

import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.value.ValueType;

/**
 * Decodes the four Forward carrier modes into log records, mapping events as the Collector's fluentforward
 * receiver does: the tag into the {@code fluent.tag} attribute, {@code message} or {@code log} into the body,
 * every other key into an attribute, the event time ({@code EventTime} or integer seconds) into the timestamp.
 *
 * <p>A {@code PackedForward} message whose options carry the {@code meltgate} hint (sent by meltgate's
 * fluentforward exporter) is rebuilt exactly: the hint's resource and scope, the exporter's default labels back
 * into their log record fields, bin values as bytes, and the tag attribute only if the record had one.
 *
 * <p>Every length is checked against the limits before anything is allocated, so a hostile or broken peer can
 * cost at most {@link #MAX_MESSAGE_BYTES} of memory per connection. Stateless and thread-safe.
 */
public final class ForwardDecoder {

    /** The largest message (and decompressed entries) accepted; Fluentd's chunks are 8 MiB by default. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    private static final int MAX_DEPTH = 64;
    private static final String TAG_ATTRIBUTE = "fluent.tag";
    private static final String HINT = "meltgate";

    /** Decodes the message at the unpacker's position (an array). */
    public ReceivedMessage decode(MessageUnpacker in) throws IOException {
        long start = in.getTotalReadBytes();
        int n = in.unpackArrayHeader();
        if (n < 2 || n > 4) {
            throw new MalformedForwardException("a Forward message is an array of 2 to 4 elements, got " + n);
        }
        String tag = readString(in, "tag");
        MessageFormat second = in.getNextFormat();
        switch (second.getValueType()) {
            case INTEGER, EXTENSION, FLOAT, NIL -> {
                return decodeMessageMode(in, n, tag);
            }
            case ARRAY -> {
                return decodeForwardMode(in, n, tag, start);
            }
            case STRING, BINARY -> {
                return decodePackedForward(in, n, tag);
            }
            default -> throw new MalformedForwardException("cannot tell the carrier mode from a " + second.getValueType());
        }
    }

    /** {@code [tag, time, record, option?]}. */
    private ReceivedMessage decodeMessageMode(MessageUnpacker in, int n, String tag) throws IOException {
        if (n < 3) {
            throw new MalformedForwardException("Message mode needs tag, time and record");
        }
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        scope.addLogRecords(readEvent(in, tag, null));
        Options o = n == 4 ? readOptions(in) : Options.NONE;
        return build(scope, null, 1, o.chunk);
    }

    /** {@code [tag, [[time, record], ...], option?]}. */
    private ReceivedMessage decodeForwardMode(MessageUnpacker in, int n, String tag, long start) throws IOException {
        if (n > 3) {
            throw new MalformedForwardException("Forward mode has at most 3 elements, got " + n);
        }
        int entries = in.unpackArrayHeader();
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (int i = 0; i < entries; i++) {
            int two = in.unpackArrayHeader();
            if (two != 2) {
                throw new MalformedForwardException("an entry is [time, record], got " + two + " elements");
            }
            scope.addLogRecords(readEvent(in, tag, null));
            if (in.getTotalReadBytes() - start > MAX_MESSAGE_BYTES) {
                throw new MalformedForwardException("message larger than " + MAX_MESSAGE_BYTES + " bytes");
            }
        }
        Options o = n == 3 ? readOptions(in) : Options.NONE;
        return build(scope, null, entries, o.chunk);
    }

    /** {@code [tag, bin|str entries, option?]}, gzip-compressed when the option says {@code compressed: gzip}. */
    private ReceivedMessage decodePackedForward(MessageUnpacker in, int n, String tag) throws IOException {
        if (n > 3) {
            throw new MalformedForwardException("PackedForward mode has at most 3 elements, got " + n);
        }
        MessageFormat f = in.getNextFormat();
        int len = f.getValueType() == ValueType.BINARY ? in.unpackBinaryHeader() : in.unpackRawStringHeader();
        checkLength(len, "entries");
        byte[] entries = in.readPayload(len);
        Options o = n == 3 ? readOptions(in) : Options.NONE;
        if (o.compressed != null) {
            if (!o.compressed.equals("gzip")) {
                throw new MalformedForwardException("unknown compression '" + o.compressed + "'");
            }
            entries = gunzip(entries);
        }
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        if (o.hint != null) {
            scope.setScope(o.hint.scope);
        }
        int events = 0;
        try (MessageUnpacker packed = MessagePack.newDefaultUnpacker(entries)) {
            while (packed.hasNext()) {
                int two = packed.unpackArrayHeader();
                if (two != 2) {
                    throw new MalformedForwardException("an entry is [time, record], got " + two + " elements");
                }
                scope.addLogRecords(readEvent(packed, tag, o.hint));
                events++;
            }
        }
        return build(scope, o.hint, events, o.chunk);
    }

    private static ReceivedMessage build(ScopeLogs.Builder scope, Hint hint, int events, String chunk) {
        ResourceLogs.Builder rl = ResourceLogs.newBuilder();
        if (hint != null) {
            rl.setResource(hint.resource);
        }
        if (events > 0) {
            rl.addScopeLogs(scope);
        }
        return new ReceivedMessage(rl.build(), events, chunk);
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        // Concatenated gzip members (Fluent Bit appends one per flush) are read as one stream.
        try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, compressed.length * 4));
            byte[] buf = new byte[16 * 1024];
            int r;
            while ((r = z.read(buf)) > 0) {
                out.write(buf, 0, r);
                if (out.size() > MAX_MESSAGE_BYTES) {
                    throw new MalformedForwardException("decompressed entries larger than " + MAX_MESSAGE_BYTES);
                }
            }
            return out.toByteArray();
        } catch (java.util.zip.ZipException e) {
            throw new MalformedForwardException("entries are not valid gzip", e);
        }
    }

    // ---- events -------------------------------------------------------------------------------------------

    /** {@code time, record} (the array header already read) into a log record. */
    private LogRecord readEvent(MessageUnpacker in, String tag, Hint hint) throws IOException {
        LogRecord.Builder r = LogRecord.newBuilder();
        r.setTimeUnixNano(readTime(in));
        if (hint == null || hint.tagAttribute) {
            r.addAttributes(KeyValue.newBuilder().setKey(TAG_ATTRIBUTE)
                    .setValue(AnyValue.newBuilder().setStringValue(tag)));
        }
        if (in.getNextFormat().getValueType() != ValueType.MAP) {
            throw new MalformedForwardException("a record is a map, got " + in.getNextFormat().getValueType());
        }
        int fields = in.unpackMapHeader();
        boolean exact = hint != null;
        for (int i = 0; i < fields; i++) {
            String key = readKey(in);
            AnyValue value = readValue(in, exact, 0);
            if (!exact) {
                // fluentd uses message, fluentbit log
                if (key.equals("message") || key.equals("log")) {
                    r.setBody(value);
                } else {
                    putAttribute(r, key, value);
                }
            } else if (!restoreField(r, key, value, hint)) {
                putAttribute(r, key, value);
            }
        }
        return r.build();
    }

    /** The exporter's default labels back into their fields; resource attributes dropped. False: an attribute. */
    private static boolean restoreField(LogRecord.Builder r, String key, AnyValue v, Hint hint) {
        switch (key) {
            case "message" -> {
                r.setBody(v);
                return true;
            }
            case "severity" -> {
                if (v.hasStringValue()) {
                    r.setSeverityText(v.getStringValue());
                    return true;
                }
            }
            case "severity_number" -> {
                if (v.hasIntValue()) {
                    r.setSeverityNumberValue((int) v.getIntValue());
                    return true;
                }
            }
            case "trace_id" -> {
                byte[] id = v.hasStringValue() ? unhex(v.getStringValue(), 16) : null;
                if (id != null) {
                    r.setTraceId(UnsafeByteOperations.unsafeWrap(id)); // a fresh array: ours
                    return true;
                }
            }
            case "span_id" -> {
                byte[] id = v.hasStringValue() ? unhex(v.getStringValue(), 8) : null;
                if (id != null) {
                    r.setSpanId(UnsafeByteOperations.unsafeWrap(id));
                    return true;
                }
            }
            case "trace_flags" -> {
                if (v.hasIntValue()) {
                    r.setFlags((int) v.getIntValue());
                    return true;
                }
            }
            case "event_name" -> {
                if (v.hasStringValue()) {
                    r.setEventName(v.getStringValue());
                    return true;
                }
            }
            case "observed_time_unix_nano" -> {
                if (v.hasIntValue()) {
                    r.setObservedTimeUnixNano(v.getIntValue());
                    return true;
                }
            }
            default -> {
                // a resource attribute the exporter copied into the record (one lookup: this ran per field)
                AnyValue copied = hint.resourceByKey.get(key);
                if (copied != null && copied.equals(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A later value of the same key replaces the earlier one, as the Collector's attribute map does. */
    private static void putAttribute(LogRecord.Builder r, String key, AnyValue value) {
        for (int i = 0; i < r.getAttributesCount(); i++) {
            if (r.getAttributes(i).getKey().equals(key)) {
                r.setAttributes(i, KeyValue.newBuilder().setKey(key).setValue(value));
                return;
            }
        }
        r.addAttributes(KeyValue.newBuilder().setKey(key).setValue(value));
    }

    /** {@code EventTime} (ext 0: seconds, nanoseconds), integer seconds, or (leniently) float seconds or nil. */
    private static long readTime(MessageUnpacker in) throws IOException {
        MessageFormat f = in.getNextFormat();
        switch (f.getValueType()) {
            case INTEGER -> {
                if (f == MessageFormat.UINT64) {
                    BigInteger b = in.unpackBigInteger();
                    if (b.bitLength() > 63) {
                        throw new MalformedForwardException("time " + b + " out of range");
                    }
                    return seconds(b.longValue());
                }
                return seconds(in.unpackLong());
            }
            case EXTENSION -> {
                ExtensionTypeHeader h = in.unpackExtensionTypeHeader();
                if (h.getType() != 0 || h.getLength() != 8) {
                    throw new MalformedForwardException("time is extension type " + h.getType() + " of "
                            + h.getLength() + " bytes, expected EventTime (type 0, 8 bytes)");
                }
                byte[] b = in.readPayload(8);
                long seconds = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
                long nanos = ((b[4] & 0xFFL) << 24) | ((b[5] & 0xFFL) << 16) | ((b[6] & 0xFFL) << 8) | (b[7] & 0xFFL);
                return seconds * 1_000_000_000L + nanos;
            }
            case FLOAT -> {
                double d = in.unpackDouble();
                return Double.isFinite(d) ? (long) (d * 1e9) : 0;
            }
            case NIL -> {
                in.unpackNil();
                return 0;
            }
            default -> throw new MalformedForwardException("time must be EventTime or an integer, got " + f.getValueType());
        }
    }

    private static long seconds(long s) throws MalformedForwardException {
        if (s > Long.MAX_VALUE / 1_000_000_000L || s < 0) {
            throw new MalformedForwardException("time " + s + " seconds out of range");
        }
        return s * 1_000_000_000L;
    }

    // ---- options ------------------------------------------------------------------------------------------

    /** The meltgate exporter's hint: the records' resource and scope, and whether the tag was an attribute. */
    private record Hint(Resource resource, InstrumentationScope scope, boolean tagAttribute,
                        Map<String, AnyValue> resourceByKey) {
    }

    private record Options(String chunk, String compressed, Hint hint) {
        static final Options NONE = new Options(null, null, null);
    }

    private Options readOptions(MessageUnpacker in) throws IOException {
        if (in.getNextFormat().getValueType() == ValueType.NIL) {
            in.unpackNil();
            return Options.NONE;
        }
        if (in.getNextFormat().getValueType() != ValueType.MAP) {
            throw new MalformedForwardException("option must be a map, got " + in.getNextFormat().getValueType());
        }
        String chunk = null;
        String compressed = null;
        Hint hint = null;
        int n = in.unpackMapHeader();
        for (int i = 0; i < n; i++) {
            String key = readKey(in);
            switch (key) {
                case "chunk" -> chunk = stringOf(readValue(in, false, 0));
                case "compressed" -> compressed = stringOf(readValue(in, false, 0));
                case HINT -> hint = hintOf(readValue(in, true, 0));
                default -> skip(in, 0);
            }
        }
        return new Options(chunk, compressed, hint);
    }

    private static String stringOf(AnyValue v) {
        return v.hasStringValue() ? v.getStringValue() : null;
    }

    private static Hint hintOf(AnyValue v) {
        if (!v.hasKvlistValue()) {
            return null;
        }
        Resource.Builder resource = Resource.newBuilder();
        InstrumentationScope.Builder scope = InstrumentationScope.newBuilder();
        boolean tagAttribute = true;
        for (KeyValue kv : v.getKvlistValue().getValuesList()) {
            switch (kv.getKey()) {
                case "resource" -> resource.addAllAttributes(kv.getValue().getKvlistValue().getValuesList());
                case "scope" -> {
                    List<AnyValue> nv = kv.getValue().getArrayValue().getValuesList();
                    if (nv.size() > 0) {
                        scope.setName(nv.get(0).getStringValue());
                    }
                    if (nv.size() > 1) {
                        scope.setVersion(nv.get(1).getStringValue());
                    }
                }
                case "tag_attribute" -> tagAttribute = kv.getValue().getBoolValue();
                default -> {
                    // a later exporter's field: ignore
                }
            }
        }
        Resource r = resource.build();
        Map<String, AnyValue> byKey = new HashMap<>(r.getAttributesCount() * 2);
        for (KeyValue kv : r.getAttributesList()) {
            byKey.putIfAbsent(kv.getKey(), kv.getValue());
        }
        return new Hint(r, scope.build(), tagAttribute, byKey);
    }

    // ---- values -------------------------------------------------------------------------------------------

    private static void checkLength(int len, String what) throws MalformedForwardException {
        if (len < 0 || len > MAX_MESSAGE_BYTES) {
            throw new MalformedForwardException(what + " of " + Integer.toUnsignedString(len) + " bytes exceeds the limit");
        }
    }

    private static String readString(MessageUnpacker in, String what) throws IOException {
        MessageFormat f = in.getNextFormat();
        if (f.getValueType() != ValueType.STRING && f.getValueType() != ValueType.BINARY) {
            throw new MalformedForwardException(what + " must be a string, got " + f.getValueType());
        }
        int len = f.getValueType() == ValueType.STRING ? in.unpackRawStringHeader() : in.unpackBinaryHeader();
        checkLength(len, what);
        return utf8(in, len);
    }

    /**
     * The next {@code len} bytes as UTF-8 text, decoded where they lie in the unpacker's buffer when they are all
     * there (no intermediate array: this runs for every key and string value).
     */
    private static String utf8(MessageUnpacker in, int len) throws IOException {
        MessageBuffer b = in.readPayloadAsReference(len);
        if (b.hasArray()) {
            return new String(b.array(), b.arrayOffset(), len, StandardCharsets.UTF_8);
        }
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    /** A map key: a string, or bin (some clients send keys as bin), or anything else as its text. */
    private static String readKey(MessageUnpacker in) throws IOException {
        ValueType t = in.getNextFormat().getValueType();
        if (t == ValueType.STRING || t == ValueType.BINARY) {
            return readString(in, "key");
        }
        return text(readValue(in, false, 0));
    }

    /**
     * A msgpack value as an OTLP value, by the Collector's rules: bin as a string (or as bytes when
     * {@code binAsBytes}), uint64 above the int64 range as its decimal text, nil as an empty value, extension
     * values as text.
     */
    static AnyValue readValue(MessageUnpacker in, boolean binAsBytes, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new MalformedForwardException("values nested deeper than " + MAX_DEPTH);
        }
        MessageFormat f = in.getNextFormat();
        AnyValue.Builder v = AnyValue.newBuilder();
        switch (f.getValueType()) {
            case NIL -> in.unpackNil();
            case BOOLEAN -> v.setBoolValue(in.unpackBoolean());
            case INTEGER -> {
                if (f == MessageFormat.UINT64) {
                    BigInteger b = in.unpackBigInteger();
                    if (b.bitLength() > 63) {
                        v.setStringValue(b.toString());
                    } else {
                        v.setIntValue(b.longValue());
                    }
                } else {
                    v.setIntValue(in.unpackLong());
                }
            }
            case FLOAT -> v.setDoubleValue(in.unpackDouble());
            case STRING -> {
                int len = in.unpackRawStringHeader();
                checkLength(len, "string");
                v.setStringValue(utf8(in, len));
            }
            case BINARY -> {
                int len = in.unpackBinaryHeader();
                checkLength(len, "bin");
                if (binAsBytes) {
                    v.setBytesValue(UnsafeByteOperations.unsafeWrap(in.readPayload(len))); // a fresh array: ours
                } else {
                    v.setStringValue(utf8(in, len));
                }
            }
            case ARRAY -> {
                int n = in.unpackArrayHeader();
                ArrayValue.Builder a = ArrayValue.newBuilder();
                for (int i = 0; i < n; i++) {
                    a.addValues(readValue(in, binAsBytes, depth + 1));
                }
                v.setArrayValue(a);
            }
            case MAP -> {
                int n = in.unpackMapHeader();
                KeyValueList.Builder m = KeyValueList.newBuilder();
                for (int i = 0; i < n; i++) {
                    ValueType kt = in.getNextFormat().getValueType();
                    String key = kt == ValueType.STRING || kt == ValueType.BINARY ? readString(in, "key")
                            : text(readValue(in, false, depth + 1));
                    m.addValues(KeyValue.newBuilder().setKey(key).setValue(readValue(in, binAsBytes, depth + 1)));
                }
                v.setKvlistValue(m);
            }
            case EXTENSION -> {
                ExtensionTypeHeader h = in.unpackExtensionTypeHeader();
                checkLength(h.getLength(), "extension");
                byte[] b = in.readPayload(h.getLength());
                if (h.getType() == 0 && b.length == 8) {
                    long s = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
                    long ns = ((b[4] & 0xFFL) << 24) | ((b[5] & 0xFFL) << 16) | ((b[6] & 0xFFL) << 8) | (b[7] & 0xFFL);
                    v.setStringValue(Instant.ofEpochSecond(s, ns).toString());
                } else {
                    v.setStringValue("ext(" + h.getType() + "):" + Base64.getEncoder().encodeToString(b));
                }
            }
            default -> throw new MalformedForwardException("unexpected msgpack " + f);
        }
        return v.build();
    }

    private static void skip(MessageUnpacker in, int depth) throws IOException {
        readValue(in, false, depth);
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            default -> v.toString().trim();
        };
    }

    private static byte[] unhex(String s, int bytes) {
        if (s.length() != bytes * 2) {
            return null;
        }
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** Wraps msgpack-core's unchecked failures (bad format bytes, truncation) as malformed input. */
    static MalformedForwardException malformed(MessagePackException e) {
        return new MalformedForwardException("invalid msgpack: " + e.getMessage(), e);
    }
}
