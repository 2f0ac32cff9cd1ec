package io.meltgate.ottl.path;

import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.eval.MapAccess;
import io.meltgate.ottl.eval.Settable;
import io.meltgate.ottl.eval.ValueType;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** A whole attribute map ({@code attributes}, {@code resource.attributes}): a map editors' target. */
public final class AttributesPath implements Settable, MapAccess {

    private final String path;
    private final Function<OttlContext, List<KeyValue>> read;
    private final BiConsumer<OttlContext, List<KeyValue>> write;

    AttributesPath(String path, Function<OttlContext, List<KeyValue>> read, BiConsumer<OttlContext, List<KeyValue>> write) {
        this.path = path;
        this.read = read;
        this.write = write;
    }

    @Override
    public List<KeyValue> read(OttlContext ctx) {
        return read.apply(ctx);
    }

    @Override
    public void write(OttlContext ctx, List<KeyValue> entries) {
        write.accept(ctx, entries);
    }

    @Override
    public Object eval(OttlContext ctx) {
        return KeyValueList.newBuilder().addAllValues(read(ctx)).build();
    }

    @Override
    public ValueType type() {
        return ValueType.MAP;
    }

    @Override
    public void set(OttlContext ctx, Object value) {
        if (value instanceof KeyValueList m && !m.getValuesList().equals(read(ctx))) {
            write(ctx, m.getValuesList());
        }
    }

    @Override
    public String describe() {
        return path;
    }
}
