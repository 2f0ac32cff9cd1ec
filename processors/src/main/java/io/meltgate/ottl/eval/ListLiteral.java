package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;
import io.opentelemetry.proto.common.v1.ArrayValue;
import java.util.List;

/** {@code [a, b, c]}: a slice of values, also read element by element by functions at compile time. */
public record ListLiteral(List<Expr> elements) implements Expr {

    @Override
    public Object eval(OttlContext ctx) {
        ArrayValue.Builder b = ArrayValue.newBuilder();
        for (Expr e : elements) {
            b.addValues(Values.toAny(e.eval(ctx)));
        }
        return b.build();
    }

    @Override
    public ValueType type() {
        return ValueType.SLICE;
    }
}
