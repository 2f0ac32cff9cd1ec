package io.meltgate.processor.attributes;

import com.google.protobuf.ByteString;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.ottl.eval.Values;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The actions of an attributes or resource processor, compiled once, applied in order to one attribute list.
 * Returns the same list instance when no action changed anything, so untouched items are not rebuilt.
 */
public final class AttributeActions {

    private final List<Compiled> actions = new ArrayList<>();

    public AttributeActions(List<ActionSettings> settings) {
        for (ActionSettings a : settings) {
            actions.add(new Compiled(a));
        }
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** The attributes after every action; {@code in} itself when nothing changed. */
    public List<KeyValue> apply(List<KeyValue> in, RequestMetadata metadata) {
        List<KeyValue> cur = in;
        for (Compiled a : actions) {
            cur = a.apply(cur, metadata);
        }
        return cur;
    }

    private static final class Compiled {
        private final ActionSettings s;
        private final AnyValue value;
        private final Pattern pattern;
        private final ExtractRule extract;

        Compiled(ActionSettings s) {
            this.s = s;
            Object v = s.value() instanceof Integer i ? Long.valueOf(i) : s.value();
            this.value = v == null ? null : Values.toAny(v);
            this.extract = s.action() == ActionType.EXTRACT ? new ExtractRule(s.pattern()) : null;
            this.pattern = s.pattern() != null && extract == null ? Pattern.compile(ExtractRule.toJava(s.pattern(),
                    new ArrayList<>())) : null;
        }

        List<KeyValue> apply(List<KeyValue> in, RequestMetadata md) {
            int i = s.key() == null ? -1 : Values.indexOf(in, s.key());
            switch (s.action()) {
                case INSERT, UPDATE, UPSERT -> {
                    boolean exists = i >= 0;
                    if ((s.action() == ActionType.INSERT && exists) || (s.action() == ActionType.UPDATE && !exists)) {
                        return in;
                    }
                    AnyValue v = source(in, md);
                    return v == null ? in : put(in, i, s.key(), v);
                }
                case DELETE -> {
                    return removeIf(in, kv -> kv.getKey().equals(s.key()) || (pattern != null && pattern.matcher(kv.getKey()).find()));
                }
                case HASH -> {
                    List<KeyValue> out = in;
                    for (int j = 0; j < in.size(); j++) {
                        KeyValue kv = in.get(j);
                        if (kv.getKey().equals(s.key()) || (pattern != null && pattern.matcher(kv.getKey()).find())) {
                            AnyValue h = AnyValue.newBuilder().setStringValue(hash(kv.getValue())).build();
                            out = put(out, j, kv.getKey(), h);
                        }
                    }
                    return out;
                }
                case EXTRACT -> {
                    if (i < 0 || !in.get(i).getValue().hasStringValue()) {
                        return in;
                    }
                    Matcher m = extract.pattern.matcher(in.get(i).getValue().getStringValue());
                    if (!m.find()) {
                        return in;
                    }
                    List<KeyValue> out = in;
                    for (int g = 0; g < extract.names.size(); g++) {
                        String text = m.group("g" + g);
                        if (text != null) {
                            String k = extract.names.get(g);
                            out = put(out, Values.indexOf(out, k), k, AnyValue.newBuilder().setStringValue(text).build());
                        }
                    }
                    return out;
                }
                case CONVERT -> {
                    if (i < 0) {
                        return in;
                    }
                    AnyValue c = convert(in.get(i).getValue(), s.convertedType());
                    return c == null ? in : put(in, i, s.key(), c);
                }
                default -> {
                    return in;
                }
            }
        }

        private AnyValue source(List<KeyValue> in, RequestMetadata md) {
            if (value != null) {
                return value;
            }
            if (s.fromAttribute() != null) {
                return Values.lookup(in, s.fromAttribute());
            }
            String ctx = s.fromContext();
            String v = ctx.equals("client.address") ? md.clientAddress()
                    : ctx.startsWith("metadata.") ? md.header(ctx.substring("metadata.".length())) : null;
            return v == null || v.isEmpty() ? null : AnyValue.newBuilder().setStringValue(v).build();
        }
    }

    static List<KeyValue> put(List<KeyValue> in, int i, String key, AnyValue v) {
        if (i >= 0 && in.get(i).getValue().equals(v)) {
            return in;
        }
        List<KeyValue> out = new ArrayList<>(in);
        KeyValue kv = KeyValue.newBuilder().setKey(key).setValue(v).build();
        if (i >= 0) {
            out.set(i, kv);
        } else {
            out.add(kv);
        }
        return out;
    }

    private static List<KeyValue> removeIf(List<KeyValue> in, java.util.function.Predicate<KeyValue> drop) {
        List<KeyValue> out = null;
        for (int i = 0; i < in.size(); i++) {
            if (drop.test(in.get(i))) {
                if (out == null) {
                    out = new ArrayList<>(in.subList(0, i));
                }
            } else if (out != null) {
                out.add(in.get(i));
            }
        }
        return out == null ? in : out;
    }

    /** SHA-256 (the Collector's default since 0.79) in hex, of the value's bytes as the Collector takes them. */
    static String hash(AnyValue v) {
        byte[] bytes = switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue().getBytes(StandardCharsets.UTF_8);
            case BOOL_VALUE -> new byte[] {(byte) (v.getBoolValue() ? 1 : 0)};
            case INT_VALUE -> ByteBuffer.allocate(8).putLong(v.getIntValue()).array();
            case DOUBLE_VALUE -> ByteBuffer.allocate(8).putDouble(v.getDoubleValue()).array();
            case BYTES_VALUE -> v.getBytesValue().toByteArray();
            default -> v.toByteArray();
        };
        try {
            return Values.hex(ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static AnyValue convert(AnyValue v, String type) {
        Object o = Values.fromAny(v);
        switch (type) {
            case "int" -> {
                if (o instanceof Long) {
                    return null;
                }
                Long l = o instanceof Double d ? Long.valueOf((long) (double) d)
                        : o instanceof Boolean b ? Long.valueOf(b ? 1 : 0)
                        : o instanceof String s ? parseLong(s) : null;
                return l == null ? null : AnyValue.newBuilder().setIntValue(l).build();
            }
            case "double" -> {
                if (o instanceof Double) {
                    return null;
                }
                Double d = o instanceof Long l ? Double.valueOf(l)
                        : o instanceof Boolean b ? Double.valueOf(b ? 1 : 0)
                        : o instanceof String s ? parseDouble(s) : null;
                return d == null ? null : AnyValue.newBuilder().setDoubleValue(d).build();
            }
            default -> {
                if (o instanceof String || o == null) {
                    return null;
                }
                return AnyValue.newBuilder().setStringValue(Values.asString(o)).build();
            }
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
