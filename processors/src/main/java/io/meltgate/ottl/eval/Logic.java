package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;

/** {@code and}, {@code or} and {@code not}, short-circuiting like the Collector's. */
public final class Logic {

    private Logic() {
    }

    public static BoolExpr and(BoolExpr a, BoolExpr b) {
        return new And(a, b);
    }

    public static BoolExpr or(BoolExpr a, BoolExpr b) {
        return new Or(a, b);
    }

    public static BoolExpr not(BoolExpr a) {
        return new Not(a);
    }

    /** A boolean-typed value (a converter, a bool path) used as a condition: nil or non-bool is false. */
    public static BoolExpr truthy(Expr e) {
        if (e instanceof BoolExpr b) {
            return b;
        }
        return ctx -> Boolean.TRUE.equals(e.eval(ctx));
    }

    private record And(BoolExpr a, BoolExpr b) implements BoolExpr {
        @Override
        public boolean test(OttlContext ctx) {
            return a.test(ctx) && b.test(ctx);
        }
    }

    private record Or(BoolExpr a, BoolExpr b) implements BoolExpr {
        @Override
        public boolean test(OttlContext ctx) {
            return a.test(ctx) || b.test(ctx);
        }
    }

    private record Not(BoolExpr a) implements BoolExpr {
        @Override
        public boolean test(OttlContext ctx) {
            return !a.test(ctx);
        }
    }
}
