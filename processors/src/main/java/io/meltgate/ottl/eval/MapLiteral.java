package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.LinkedHashMap;
import java.util.Map;

/** <code>{"k": v, ...}</code>: a map value. */
public record MapLiteral(LinkedHashMap<String, Expr> entries) implements Expr {

    @Override
    public Object eval(OttlContext ctx) {
        KeyValueList.Builder b = KeyValueList.newBuilder();
        for (Map.Entry<String, Expr> e : entries.entrySet()) {
            b.addValues(KeyValue.newBuilder().setKey(e.getKey()).setValue(Values.toAny(e.getValue().eval(ctx))));
        }
        return b.build();
    }

    @Override
    public ValueType type() {
        return ValueType.MAP;
    }
}
