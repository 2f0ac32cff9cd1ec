package io.meltgate.core.otlp.wire;

import com.google.protobuf.UnsafeByteOperations;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Reads one resource entry's protobuf bytes without building messages: checks that protobuf-java would parse
 * them, counts the items, and counts the items the receiver must reject (ids of the wrong length). This is what
 * lets the receiver answer a request without decoding it; the entry is parsed later only if a processor or
 * exporter reads it ({@link io.meltgate.core.data.LazyResources}).
 *
 * <p>The scanner is stricter than the parser, never looser: whatever it is not sure of (an unknown group, a
 * metric that sets two kinds of data, nesting near the parser's limit, a malformed field) it answers
 * {@code false}, and the caller parses the entry the ordinary way, which either succeeds or gives protobuf's own
 * error. So a lazily parsed entry can never fail to parse.
 *
 * <p>One instance per request; not thread-safe.
 */
final class WireScanner {

    /** Below protobuf's default recursion limit (100), so that the scanner gives up before the parser would. */
    private static final int MAX_DEPTH = 90;

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private int pos;
    private int items;
    private int invalidItems;

    WireScanner(byte[] bytes) {
        this.bytes = bytes;
    }

    int items() {
        return items;
    }

    int invalidItems() {
        return invalidItems;
    }

    /**
     * Scans {@code bytes[offset, offset + length)} as one message of the given shape, adding to the counts.
     *
     * @return true when protobuf-java is certain to parse it; false when the caller must parse it to know
     */
    boolean scan(int offset, int length, WireShape shape) {
        pos = offset;
        return message(offset + length, shape, 0);
    }

    private boolean message(int limit, WireShape shape, int depth) {
        // The id checks: protobuf keeps the last occurrence of a singular field.
        int traceIdAt = -1;
        int traceIdLength = 0;
        int spanIdAt = -1;
        int spanIdLength = 0;
        int parentLength = 0;
        int dataField = 0;
        while (pos < limit) {
            int tag = readTag(limit);
            if (tag <= 0) {
                return false;
            }
            int field = tag >>> 3;
            int wireType = tag & 7;
            switch (wireType) {
                case WIRE_VARINT:
                    if (!skipVarint(limit)) {
                        return false;
                    }
                    break;
                case WIRE_FIXED64:
                    if (limit - pos < 8) {
                        return false;
                    }
                    pos += 8;
                    break;
                case WIRE_FIXED32:
                    if (limit - pos < 4) {
                        return false;
                    }
                    pos += 4;
                    break;
                case WIRE_LENGTH_DELIMITED: {
                    int length = readLength(limit);
                    if (length < 0) {
                        return false;
                    }
                    int start = pos;
                    int end = start + length;
                    byte kind = field < shape.kinds.length ? shape.kinds[field] : WireShape.SKIP;
                    if (!value(kind, shape, field, end, depth)) {
                        return false;
                    }
                    pos = end;
                    if (field == shape.itemField) {
                        items++;
                    }
                    if (shape.rule == WireShape.Rule.SPAN) {
                        if (field == Span.TRACE_ID_FIELD_NUMBER) {
                            traceIdAt = start;
                            traceIdLength = length;
                        } else if (field == Span.SPAN_ID_FIELD_NUMBER) {
                            spanIdAt = start;
                            spanIdLength = length;
                        } else if (field == Span.PARENT_SPAN_ID_FIELD_NUMBER) {
                            parentLength = length;
                        }
                    } else if (shape.rule == WireShape.Rule.LOG_RECORD) {
                        if (field == LogRecord.TRACE_ID_FIELD_NUMBER) {
                            traceIdLength = length;
                        } else if (field == LogRecord.SPAN_ID_FIELD_NUMBER) {
                            spanIdLength = length;
                        }
                    } else if (shape.rule == WireShape.Rule.METRIC && isMetricData(field)) {
                        if (dataField != 0 && dataField != field) {
                            return false; // a oneof set twice: the parser keeps the last, counting would not
                        }
                        dataField = field;
                    }
                    break;
                }
                default:
                    return false; // groups (3, 4) are left to the parser; 6 and 7 are not wire types
            }
        }
        if (pos != limit) {
            return false;
        }
        if (shape.rule == WireShape.Rule.SPAN) {
            boolean valid = traceIdLength == 16 && spanIdLength == 8 && !allZero(traceIdAt, 16)
                    && !allZero(spanIdAt, 8) && (parentLength == 0 || parentLength == 8);
            if (!valid) {
                invalidItems++;
            }
        } else if (shape.rule == WireShape.Rule.LOG_RECORD) {
            if ((traceIdLength != 0 && traceIdLength != 16) || (spanIdLength != 0 && spanIdLength != 8)) {
                invalidItems++;
            }
        }
        return true;
    }

    private boolean value(byte kind, WireShape shape, int field, int end, int depth) {
        switch (kind) {
            case WireShape.MESSAGE:
                return depth < MAX_DEPTH && message(end, shape.children[field], depth + 1);
            case WireShape.STRING:
                return utf8(pos, end);
            case WireShape.PACKED_FIXED64:
                return (end - pos) % 8 == 0;
            case WireShape.PACKED_FIXED32:
                return (end - pos) % 4 == 0;
            case WireShape.PACKED_VARINT:
                while (pos < end) {
                    if (!skipVarint(end)) {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }

    private static boolean isMetricData(int field) {
        return field == Metric.GAUGE_FIELD_NUMBER || field == Metric.SUM_FIELD_NUMBER
                || field == Metric.HISTOGRAM_FIELD_NUMBER || field == Metric.EXPONENTIAL_HISTOGRAM_FIELD_NUMBER
                || field == Metric.SUMMARY_FIELD_NUMBER;
    }

    /** A tag of at most 5 bytes that fits 32 bits with a field number; 0 or -1 when not. */
    private int readTag(int limit) {
        long v = readVarint(limit, 5);
        if (v < 0 || v > 0xFFFF_FFFFL || (v >>> 3) == 0) {
            return -1;
        }
        return (int) v >= 0 ? (int) v : -1;
    }

    /** A length that fits in what is left; -1 when not. */
    private int readLength(int limit) {
        long v = readVarint(limit, 5);
        if (v < 0 || v > limit - pos) {
            return -1;
        }
        return (int) v;
    }

    private boolean skipVarint(int limit) {
        for (int i = 0; i < 10; i++) {
            if (pos >= limit) {
                return false;
            }
            if (bytes[pos++] >= 0) {
                return true;
            }
        }
        return false;
    }

    /** An unsigned varint of at most {@code maxBytes} bytes, or -1. */
    private long readVarint(int limit, int maxBytes) {
        long v = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (pos >= limit) {
                return -1;
            }
            byte b = bytes[pos++];
            v |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                return v;
            }
        }
        return -1;
    }

    private boolean utf8(int from, int to) {
        int i = from;
        // Most telemetry strings are ASCII: test eight bytes at a time for a high bit, then byte by byte.
        for (; i + 8 <= to; i += 8) {
            if (((long) LONGS.get(bytes, i) & 0x8080_8080_8080_8080L) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            if (bytes[i] < 0) {
                // Not ASCII: protobuf's own check, on the rest of the string.
                return UnsafeByteOperations.unsafeWrap(bytes, i, to - i).isValidUtf8();
            }
        }
        return true;
    }

    private boolean allZero(int from, int length) {
        if (from < 0) {
            return true;
        }
        for (int i = from; i < from + length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
