package io.meltgate.ottl.path;

import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.eval.AnyValueExpr;
import io.meltgate.ottl.eval.Indexed;
import io.meltgate.ottl.eval.MapAccess;
import io.meltgate.ottl.eval.Settable;
import io.meltgate.ottl.eval.Values;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attributes["k"]} and deeper ({@code attributes["k"]["inner"][0]}): reads the value in place; writing
 * rebuilds only the entry it changes. Writing nil through a key removes nothing (use {@code delete_key}); it
 * stores an empty value, as the Collector does.
 */
final class KeyPath implements AnyValueExpr, Settable {

    private final String path;
    private final MapAccess map;
    private final String first;
    private final List<Object> keys;

    KeyPath(String path, MapAccess map, List<Object> keys) {
        this.path = path;
        this.map = map;
        this.first = (String) keys.get(0);
        this.keys = List.copyOf(keys);
    }

    @Override
    public AnyValue anyValue(OttlContext ctx) {
        AnyValue v = Values.lookup(map.read(ctx), first);
        if (keys.size() == 1 || v == null) {
            return v;
        }
        return Indexed.follow(v, keys, 1);
    }

    @Override
    public void set(OttlContext ctx, Object value) {
        List<KeyValue> entries = map.read(ctx);
        int i = Values.indexOf(entries, first);
        AnyValue newValue = Values.toAny(value);
        if (keys.size() > 1) {
            AnyValue top = i >= 0 ? entries.get(i).getValue() : null;
            newValue = setIn(top, 1, newValue);
            if (newValue == null) {
                return;
            }
        }
        if (i >= 0 && entries.get(i).getValue().equals(newValue)) {
            return;
        }
        List<KeyValue> copy = new ArrayList<>(entries);
        KeyValue kv = KeyValue.newBuilder().setKey(first).setValue(newValue).build();
        if (i >= 0) {
            copy.set(i, kv);
        } else {
            copy.add(kv);
        }
        map.write(ctx, copy);
    }

    /** {@code node} with the value at keys[depth..] replaced; null when the path does not fit the data. */
    private AnyValue setIn(AnyValue node, int depth, AnyValue value) {
        if (depth == keys.size()) {
            return value;
        }
        Object key = keys.get(depth);
        if (key instanceof String k) {
            List<KeyValue> entries = node != null && node.hasKvlistValue() ? node.getKvlistValue().getValuesList()
                    : node == null ? List.of() : null;
            if (entries == null) {
                return null;
            }
            int i = Values.indexOf(entries, k);
            AnyValue inner = setIn(i >= 0 ? entries.get(i).getValue() : null, depth + 1, value);
            if (inner == null) {
                return null;
            }
            List<KeyValue> copy = new ArrayList<>(entries);
            KeyValue kv = KeyValue.newBuilder().setKey(k).setValue(inner).build();
            if (i >= 0) {
                copy.set(i, kv);
            } else {
                copy.add(kv);
            }
            return AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addAllValues(copy)).build();
        }
        long idx = (Long) key;
        if (node == null || !node.hasArrayValue() || idx < 0 || idx >= node.getArrayValue().getValuesCount()) {
            return null;
        }
        AnyValue inner = setIn(node.getArrayValue().getValues((int) idx), depth + 1, value);
        if (inner == null) {
            return null;
        }
        ArrayValue.Builder b = node.getArrayValue().toBuilder().setValues((int) idx, inner);
        return AnyValue.newBuilder().setArrayValue(b).build();
    }

    @Override
    public String describe() {
        return path;
    }
}
