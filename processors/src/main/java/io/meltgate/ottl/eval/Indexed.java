package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.List;

/**
 * Keys applied to a value: {@code ["a"][0]} on a map or slice. A missing key, an index out of range or a key of
 * the wrong kind gives nil.
 */
public final class Indexed {

    private Indexed() {
    }

    /** Follows {@code keys} (String or Long) from {@code start}; null when any step is missing. */
    public static AnyValue follow(AnyValue start, List<Object> keys, int from) {
        AnyValue v = start;
        for (int i = from; i < keys.size() && v != null; i++) {
            v = step(v, keys.get(i));
        }
        return v;
    }

    static AnyValue step(AnyValue v, Object key) {
        if (key instanceof String k && v.getValueCase() == AnyValue.ValueCase.KVLIST_VALUE) {
            return Values.lookup(v.getKvlistValue().getValuesList(), k);
        }
        if (key instanceof Long idx && v.getValueCase() == AnyValue.ValueCase.ARRAY_VALUE) {
            ArrayValue a = v.getArrayValue();
            return idx >= 0 && idx < a.getValuesCount() ? a.getValues((int) (long) idx) : null;
        }
        return null;
    }

    /** Keys on the result of a converter: {@code ParseJSON(body)["k"]}. */
    public record OnValue(Expr base, List<Object> keys) implements AnyValueExpr {
        @Override
        public AnyValue anyValue(OttlContext ctx) {
            Object v = base.eval(ctx);
            if (v == null) {
                return null;
            }
            return follow(Values.toAny(v), keys, 0);
        }
    }

    /** Whether a map holds {@code key}; a helper for functions. */
    public static boolean has(KeyValueList m, String key) {
        return Values.indexOf(m.getValuesList(), key) >= 0;
    }
}
