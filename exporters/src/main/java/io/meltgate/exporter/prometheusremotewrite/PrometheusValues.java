package io.meltgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.math.BigDecimal;
import java.util.Base64;

/** Value formatting shared by the conversion: label values from attributes, bucket bounds, ids, staleness. */
final class PrometheusValues {

    /**
     * Prometheus's staleness marker: a NaN with a payload that Prometheus recognises as "this series ended",
     * sent for points flagged "no recorded value". Any other NaN is an ordinary value.
     */
    static final long STALE_NAN_BITS = 0x7ff0000000000002L;
    static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

    /** OTLP's {@code DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK}. */
    static final int NO_RECORDED_VALUE = 1;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PrometheusValues() {
    }

    static long millis(long unixNanos) {
        return unixNanos / 1_000_000L;
    }

    /**
     * A float as Go's {@code strconv.FormatFloat(f, 'f', -1, 64)} writes it (shortest exact decimal, never an
     * exponent), which is how the Collector writes {@code le} and {@code quantile} values: {@code 0.005},
     * {@code 1000}, {@code +Inf}.
     */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** An attribute value as a label value (strings as they are, the rest as the Collector prints them). */
    static String labelValue(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue() ? "true" : "false";
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> formatFloat(v.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> {
                StringBuilder b = new StringBuilder();
                json(v, b);
                yield b.toString();
            }
            default -> "";
        };
    }

    private static void json(AnyValue v, StringBuilder b) {
        switch (v.getValueCase()) {
            case STRING_VALUE -> quote(v.getStringValue(), b);
            case BOOL_VALUE -> b.append(v.getBoolValue());
            case INT_VALUE -> b.append(v.getIntValue());
            case DOUBLE_VALUE -> b.append(formatFloat(v.getDoubleValue()));
            case BYTES_VALUE -> quote(Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()), b);
            case ARRAY_VALUE -> {
                b.append('[');
                for (int i = 0; i < v.getArrayValue().getValuesCount(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    json(v.getArrayValue().getValues(i), b);
                }
                b.append(']');
            }
            case KVLIST_VALUE -> {
                b.append('{');
                int i = 0;
                for (KeyValue kv : v.getKvlistValue().getValuesList()) {
                    if (i++ > 0) {
                        b.append(',');
                    }
                    quote(kv.getKey(), b);
                    b.append(':');
                    json(kv.getValue(), b);
                }
                b.append('}');
            }
            default -> b.append("null");
        }
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** Lower-case hex, as trace and span ids are written in exemplar labels. */
    static String hex(com.google.protobuf.ByteString bytes) {
        char[] out = new char[bytes.size() * 2];
        for (int i = 0; i < bytes.size(); i++) {
            int v = bytes.byteAt(i) & 0xff;
            out[2 * i] = HEX[v >>> 4];
            out[2 * i + 1] = HEX[v & 0x0f];
        }
        return new String(out);
    }
}
