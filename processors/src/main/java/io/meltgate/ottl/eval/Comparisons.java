package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;

/**
 * Builds comparison nodes, choosing the cheapest that is exact: two never-nil integers compare as longs, an
 * OTLP value compares in place with a constant, anything else by the generic rules. None of them allocates.
 */
public final class Comparisons {

    private Comparisons() {
    }

    public static BoolExpr of(Expr left, CompareOp op, Expr right) {
        if (left instanceof LongExpr l && right instanceof LongExpr r) {
            return new LongCompare(l, op, r);
        }
        if (left instanceof AnyValueExpr a && right.isConstant()) {
            return new AnyConstCompare(a, op, right.eval(null));
        }
        if (right instanceof AnyValueExpr a && left.isConstant()) {
            return new AnyConstCompare(a, op.swapped(), left.eval(null));
        }
        if (right.isConstant()) {
            return new ConstCompare(left, op, right.eval(null));
        }
        return new GenericCompare(left, op, right);
    }

    private record LongCompare(LongExpr left, CompareOp op, LongExpr right) implements BoolExpr {
        @Override
        public boolean test(OttlContext ctx) {
            long a = left.evalLong(ctx);
            long b = right.evalLong(ctx);
            return switch (op) {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
            };
        }
    }

    private record AnyConstCompare(AnyValueExpr left, CompareOp op, Object constant) implements BoolExpr {
        @Override
        public boolean test(OttlContext ctx) {
            return Values.compareAny(left.anyValue(ctx), constant, op);
        }
    }

    private record ConstCompare(Expr left, CompareOp op, Object constant) implements BoolExpr {
        @Override
        public boolean test(OttlContext ctx) {
            return Values.compare(left.eval(ctx), constant, op);
        }
    }

    private record GenericCompare(Expr left, CompareOp op, Expr right) implements BoolExpr {
        @Override
        public boolean test(OttlContext ctx) {
            return Values.compare(left.eval(ctx), right.eval(ctx), op);
        }
    }
}
