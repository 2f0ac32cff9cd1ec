package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;

/** An integer expression that is never nil (a numeric field, an int literal, an enum): read without boxing. */
public interface LongExpr extends Expr {

    long evalLong(OttlContext ctx);

    @Override
    default Object eval(OttlContext ctx) {
        return evalLong(ctx);
    }

    @Override
    default ValueType type() {
        return ValueType.INT;
    }
}
