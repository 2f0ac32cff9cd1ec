package io.meltgate.ottl.eval;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.List;

/** Conversions between OTLP values and OTTL runtime values, and the OTTL comparison rules. */
public final class Values {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Values() {
    }

    /** The runtime value of an AnyValue: null when absent or empty. */
    public static Object fromAny(AnyValue v) {
        if (v == null) {
            return null;
        }
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case BOOL_VALUE -> v.getBoolValue();
            case BYTES_VALUE -> v.getBytesValue();
            case KVLIST_VALUE -> v.getKvlistValue();
            case ARRAY_VALUE -> v.getArrayValue();
            default -> null;
        };
    }

    /** The AnyValue for a runtime value (an empty AnyValue for nil). */
    public static AnyValue toAny(Object v) {
        if (v == null) {
            return AnyValue.getDefaultInstance();
        }
        if (v instanceof String s) {
            return AnyValue.newBuilder().setStringValue(s).build();
        }
        if (v instanceof Long l) {
            return AnyValue.newBuilder().setIntValue(l).build();
        }
        if (v instanceof Double d) {
            return AnyValue.newBuilder().setDoubleValue(d).build();
        }
        if (v instanceof Boolean b) {
            return AnyValue.newBuilder().setBoolValue(b).build();
        }
        if (v instanceof ByteString b) {
            return AnyValue.newBuilder().setBytesValue(b).build();
        }
        if (v instanceof KeyValueList m) {
            return AnyValue.newBuilder().setKvlistValue(m).build();
        }
        if (v instanceof ArrayValue a) {
            return AnyValue.newBuilder().setArrayValue(a).build();
        }
        if (v instanceof AnyValue a) {
            return a;
        }
        return AnyValue.newBuilder().setStringValue(v.toString()).build();
    }

    /** The entry with {@code key}, or null (a linear scan: attribute lists are short). */
    public static AnyValue lookup(List<KeyValue> entries, String key) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            KeyValue kv = entries.get(i);
            if (kv.getKey().equals(key)) {
                return kv.getValue();
            }
        }
        return null;
    }

    public static int indexOf(List<KeyValue> entries, String key) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            if (entries.get(i).getKey().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    public static String hex(ByteString bytes) {
        char[] out = new char[bytes.size() * 2];
        for (int i = 0; i < bytes.size(); i++) {
            int b = bytes.byteAt(i) & 0xff;
            out[2 * i] = HEX[b >>> 4];
            out[2 * i + 1] = HEX[b & 0xf];
        }
        return new String(out);
    }

    /** Bytes from hex, or null when {@code s} is not an even-length hex string. */
    public static ByteString unhex(String s) {
        if (s.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return ByteString.copyFrom(out);
    }

    /** The static type of a runtime value. */
    public static ValueType typeOf(Object v) {
        if (v == null) {
            return ValueType.NIL;
        }
        if (v instanceof String) {
            return ValueType.STRING;
        }
        if (v instanceof Long) {
            return ValueType.INT;
        }
        if (v instanceof Double) {
            return ValueType.DOUBLE;
        }
        if (v instanceof Boolean) {
            return ValueType.BOOL;
        }
        if (v instanceof ByteString) {
            return ValueType.BYTES;
        }
        if (v instanceof KeyValueList) {
            return ValueType.MAP;
        }
        if (v instanceof ArrayValue) {
            return ValueType.SLICE;
        }
        return ValueType.ANY;
    }

    /**
     * The text of a value as the Collector's String() and Concat() write it: strings as they are, numbers and
     * booleans in Go's formatting, bytes in hex, maps and slices as JSON; null for nil.
     */
    public static String asString(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return formatDouble(d);
        }
        if (v instanceof ByteString b) {
            return hex(b);
        }
        if (v instanceof KeyValueList || v instanceof ArrayValue) {
            StringBuilder sb = new StringBuilder();
            appendJson(sb, v);
            return sb.toString();
        }
        return v.toString();
    }

    static String formatDouble(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static void appendJson(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        } else if (v instanceof KeyValueList m) {
            sb.append('{');
            for (int i = 0; i < m.getValuesCount(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendJson(sb, m.getValues(i).getKey());
                sb.append(':');
                appendJson(sb, fromAny(m.getValues(i).getValue()));
            }
            sb.append('}');
        } else if (v instanceof ArrayValue a) {
            sb.append('[');
            for (int i = 0; i < a.getValuesCount(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendJson(sb, fromAny(a.getValues(i)));
            }
            sb.append(']');
        } else if (v instanceof ByteString b) {
            appendJson(sb, java.util.Base64.getEncoder().encodeToString(b.toByteArray()));
        } else {
            sb.append(asString(v));
        }
    }

    /**
     * The OTTL comparison rules: values of different types are not equal and not ordered (except int and
     * float, compared as numbers); nil equals only nil; strings compare as strings, booleans with false before
     * true, bytes byte for byte; maps and slices only for equality.
     */
    public static boolean compare(Object a, Object b, CompareOp op) {
        if (a == null || b == null) {
            boolean eq = a == b;
            return switch (op) {
                case EQ -> eq;
                case NE -> !eq;
                default -> false;
            };
        }
        if (a instanceof Long x && b instanceof Long y) {
            return op.test(Long.compare(x, y));
        }
        if ((a instanceof Long || a instanceof Double) && (b instanceof Long || b instanceof Double)) {
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return op.test(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return op.test(x.compareTo(y));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return op.test(Boolean.compare(x, y));
        }
        if (a instanceof ByteString x && b instanceof ByteString y) {
            return op.test(ByteString.unsignedLexicographicalComparator().compare(x, y));
        }
        if ((a instanceof KeyValueList && b instanceof KeyValueList) || (a instanceof ArrayValue && b instanceof ArrayValue)) {
            boolean eq = a.equals(b);
            return switch (op) {
                case EQ -> eq;
                case NE -> !eq;
                default -> false;
            };
        }
        return op == CompareOp.NE;
    }

    /** Compares an OTLP value in place with a constant runtime value, without converting it. */
    public static boolean compareAny(AnyValue a, Object constant, CompareOp op) {
        if (a == null || a.getValueCase() == AnyValue.ValueCase.VALUE_NOT_SET) {
            return compare(null, constant, op);
        }
        switch (a.getValueCase()) {
            case STRING_VALUE:
                if (constant instanceof String s) {
                    return op.test(a.getStringValue().compareTo(s));
                }
                break;
            case INT_VALUE:
                if (constant instanceof Long l) {
                    return op.test(Long.compare(a.getIntValue(), l));
                }
                if (constant instanceof Double d) {
                    return op.test((double) a.getIntValue(), d);
                }
                break;
            case DOUBLE_VALUE:
                if (constant instanceof Number n) {
                    return op.test(a.getDoubleValue(), n.doubleValue());
                }
                break;
            case BOOL_VALUE:
                if (constant instanceof Boolean b) {
                    return op.test(Boolean.compare(a.getBoolValue(), b));
                }
                break;
            default:
                return compare(fromAny(a), constant, op);
        }
        return op == CompareOp.NE;
    }
}
