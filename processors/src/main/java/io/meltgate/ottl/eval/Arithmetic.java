package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.OttlEvalException;

/**
 * {@code + - * /} on numbers: int with int stays int (division truncates, by zero is an error), a float on
 * either side makes a float. OTTL has no string concatenation (that is {@code Concat}), so a non-number is an
 * error at run time, or at compile time when the types are known.
 */
public final class Arithmetic {

    private Arithmetic() {
    }

    public static Expr of(Expr left, char op, Expr right) {
        if (left instanceof LongExpr l && right instanceof LongExpr r) {
            return new LongMath(l, op, r);
        }
        ValueType t = left.type() == ValueType.DOUBLE || right.type() == ValueType.DOUBLE ? ValueType.DOUBLE
                : left.type() == ValueType.INT && right.type() == ValueType.INT ? ValueType.INT : ValueType.ANY;
        return new Math(left, op, right, t);
    }

    public static Expr negate(Expr e) {
        if (e instanceof LongExpr l) {
            if (l.isConstant()) {
                return Literal.ofLong(-l.evalLong(null));
            }
            return (LongExpr) ctx -> -l.evalLong(ctx);
        }
        if (e.isConstant() && e.eval(null) instanceof Double d) {
            return new Literal(-d);
        }
        return of(Literal.ofLong(0), '-', e);
    }

    static long apply(long a, char op, long b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> {
                if (b == 0) {
                    throw new OttlEvalException("division by zero");
                }
                yield a / b;
            }
        };
    }

    static double apply(double a, char op, double b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> {
                if (b == 0) {
                    throw new OttlEvalException("division by zero");
                }
                yield a / b;
            }
        };
    }

    private record LongMath(LongExpr left, char op, LongExpr right) implements LongExpr {
        @Override
        public long evalLong(OttlContext ctx) {
            return apply(left.evalLong(ctx), op, right.evalLong(ctx));
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }

    private record Math(Expr left, char op, Expr right, ValueType type) implements Expr {
        @Override
        public Object eval(OttlContext ctx) {
            Object a = left.eval(ctx);
            Object b = right.eval(ctx);
            if (a instanceof Long x && b instanceof Long y) {
                return apply(x, op, y);
            }
            if (a instanceof Number x && b instanceof Number y) {
                return apply(x.doubleValue(), op, y.doubleValue());
            }
            throw new OttlEvalException("cannot compute " + Values.typeOf(a).label() + " " + op + " "
                    + Values.typeOf(b).label());
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }
}
