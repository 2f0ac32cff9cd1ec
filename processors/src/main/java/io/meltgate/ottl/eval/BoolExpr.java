package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;

/** A boolean expression: a comparison, {@code and}/{@code or}/{@code not}, a boolean literal or converter. */
public interface BoolExpr extends Expr {

    boolean test(OttlContext ctx);

    @Override
    default Object eval(OttlContext ctx) {
        return test(ctx) ? Boolean.TRUE : Boolean.FALSE;
    }

    @Override
    default ValueType type() {
        return ValueType.BOOL;
    }
}
