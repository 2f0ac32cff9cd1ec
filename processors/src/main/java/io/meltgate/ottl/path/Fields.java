package io.meltgate.ottl.path;

import com.google.protobuf.ByteString;
import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.eval.AnyValueExpr;
import io.meltgate.ottl.eval.LongExpr;
import io.meltgate.ottl.eval.Settable;
import io.meltgate.ottl.eval.ValueType;
import io.meltgate.ottl.eval.Values;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

/**
 * Path accessors built from a getter and a setter on the protobuf objects of the context: a path compiles to
 * one of these, so reading it is a couple of virtual calls and no lookup by name.
 */
final class Fields {

    private Fields() {
    }

    /** A setter that ignores writes: the path is read-only. */
    static <T> BiConsumer<OttlContext, T> readOnly() {
        return (c, v) -> { };
    }

    static StringField string(String path, Function<OttlContext, String> get, BiConsumer<OttlContext, String> set) {
        return new StringField(path, get, set);
    }

    static LongField int64(String path, ToLongFunction<OttlContext> get, ObjLongConsumer<OttlContext> set) {
        return new LongField(path, get, set);
    }

    static ObjectField object(String path, ValueType type, Function<OttlContext, Object> get,
                              BiConsumer<OttlContext, Object> set) {
        return new ObjectField(path, type, get, set);
    }

    static ObjectField bytes(String path, Function<OttlContext, ByteString> get, BiConsumer<OttlContext, ByteString> set) {
        return new ObjectField(path, ValueType.BYTES, get::apply, (c, v) -> {
            if (v instanceof ByteString b && !b.equals(get.apply(c))) {
                set.accept(c, b);
            }
        });
    }

    /** The hex form of an id ({@code trace_id.string}); writing takes hex of the right length. */
    static StringField hex(String path, Function<OttlContext, ByteString> get, BiConsumer<OttlContext, ByteString> set,
                           int size) {
        return new StringField(path, c -> Values.hex(get.apply(c)), (c, s) -> {
            ByteString b = Values.unhex(s);
            if (b != null && b.size() == size) {
                set.accept(c, b);
            }
        });
    }

    static AnyField any(String path, Function<OttlContext, AnyValue> get, BiConsumer<OttlContext, AnyValue> set) {
        return new AnyField(path, get, set);
    }

    static final class StringField implements Settable {
        private final String path;
        private final Function<OttlContext, String> get;
        private final BiConsumer<OttlContext, String> set;

        StringField(String path, Function<OttlContext, String> get, BiConsumer<OttlContext, String> set) {
            this.path = path;
            this.get = get;
            this.set = set;
        }

        @Override
        public Object eval(OttlContext ctx) {
            return get.apply(ctx);
        }

        @Override
        public ValueType type() {
            return ValueType.STRING;
        }

        @Override
        public void set(OttlContext ctx, Object value) {
            if (value instanceof String s && !s.equals(get.apply(ctx))) {
                set.accept(ctx, s);
            }
        }

        @Override
        public String describe() {
            return path;
        }
    }

    static final class LongField implements Settable, LongExpr {
        private final String path;
        private final ToLongFunction<OttlContext> get;
        private final ObjLongConsumer<OttlContext> set;

        LongField(String path, ToLongFunction<OttlContext> get, ObjLongConsumer<OttlContext> set) {
            this.path = path;
            this.get = get;
            this.set = set;
        }

        @Override
        public long evalLong(OttlContext ctx) {
            return get.applyAsLong(ctx);
        }

        @Override
        public void set(OttlContext ctx, Object value) {
            if (value instanceof Long l && l != get.applyAsLong(ctx)) {
                set.accept(ctx, l);
            }
        }

        @Override
        public String describe() {
            return path;
        }
    }

    /** A field whose value may be nil or needs boxing (a double, a bool, a value only some point types have). */
    static final class ObjectField implements Settable {
        private final String path;
        private final ValueType type;
        private final Function<OttlContext, Object> get;
        private final BiConsumer<OttlContext, Object> set;

        ObjectField(String path, ValueType type, Function<OttlContext, Object> get, BiConsumer<OttlContext, Object> set) {
            this.path = path;
            this.type = type;
            this.get = get;
            this.set = set;
        }

        @Override
        public Object eval(OttlContext ctx) {
            return get.apply(ctx);
        }

        @Override
        public ValueType type() {
            return type;
        }

        @Override
        public void set(OttlContext ctx, Object value) {
            if (value != null && !value.equals(get.apply(ctx))) {
                set.accept(ctx, value);
            }
        }

        @Override
        public String describe() {
            return path;
        }
    }

    /** A field holding an OTLP AnyValue ({@code body}). */
    static final class AnyField implements Settable, AnyValueExpr {
        private final String path;
        private final Function<OttlContext, AnyValue> get;
        private final BiConsumer<OttlContext, AnyValue> set;

        AnyField(String path, Function<OttlContext, AnyValue> get, BiConsumer<OttlContext, AnyValue> set) {
            this.path = path;
            this.get = get;
            this.set = set;
        }

        @Override
        public AnyValue anyValue(OttlContext ctx) {
            AnyValue v = get.apply(ctx);
            return v == null || v.getValueCase() == AnyValue.ValueCase.VALUE_NOT_SET ? null : v;
        }

        AnyValue raw(OttlContext ctx) {
            return get.apply(ctx);
        }

        void write(OttlContext ctx, AnyValue v) {
            set.accept(ctx, v);
        }

        @Override
        public void set(OttlContext ctx, Object value) {
            AnyValue v = Values.toAny(value);
            if (!v.equals(get.apply(ctx))) {
                set.accept(ctx, v);
            }
        }

        @Override
        public String describe() {
            return path;
        }
    }
}
