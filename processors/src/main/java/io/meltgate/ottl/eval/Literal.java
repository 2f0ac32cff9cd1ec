package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;

/** A constant: a string, number, boolean, bytes or nil literal, or an enum symbol. */
public class Literal implements Expr {

    private final Object value;
    private final ValueType type;

    public Literal(Object value) {
        this.value = value;
        this.type = Values.typeOf(value);
    }

    /** An int literal or an enum, read without boxing. */
    public static Literal ofLong(long v) {
        return new LongLiteral(v);
    }

    public Object value() {
        return value;
    }

    @Override
    public Object eval(OttlContext ctx) {
        return value;
    }

    @Override
    public ValueType type() {
        return type;
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    static final class LongLiteral extends Literal implements LongExpr {
        private final long v;

        LongLiteral(long v) {
            super(v);
            this.v = v;
        }

        @Override
        public long evalLong(OttlContext ctx) {
            return v;
        }

        @Override
        public Object eval(OttlContext ctx) {
            return value();
        }

        @Override
        public ValueType type() {
            return ValueType.INT;
        }
    }

    /** A boolean literal used as a condition ({@code true}, {@code false}). */
    public static final class BoolLiteral extends Literal implements BoolExpr {
        private final boolean v;

        public BoolLiteral(boolean v) {
            super(v);
            this.v = v;
        }

        @Override
        public boolean test(OttlContext ctx) {
            return v;
        }

        @Override
        public Object eval(OttlContext ctx) {
            return value();
        }

        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }
    }
}
