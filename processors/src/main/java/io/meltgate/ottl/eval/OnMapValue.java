package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.List;

/**
 * A map editor's target that is a value of the data ({@code attributes["nested"]}, {@code body}): seen as a map
 * when it holds one, as empty otherwise (map editors then change nothing).
 */
public record OnMapValue(Settable value) implements MapAccess, Settable {

    @Override
    public List<KeyValue> read(OttlContext ctx) {
        Object v = value.eval(ctx);
        return v instanceof KeyValueList m ? m.getValuesList() : List.of();
    }

    @Override
    public void write(OttlContext ctx, List<KeyValue> entries) {
        value.set(ctx, KeyValueList.newBuilder().addAllValues(entries).build());
    }

    @Override
    public Object eval(OttlContext ctx) {
        return value.eval(ctx);
    }

    @Override
    public ValueType type() {
        return value.type();
    }

    @Override
    public void set(OttlContext ctx, Object v) {
        value.set(ctx, v);
    }

    @Override
    public String describe() {
        return value.describe();
    }
}
