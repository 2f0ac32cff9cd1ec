package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;

/** A compiled OTTL value expression: a path, a literal, a converter call, arithmetic, or a boolean expression. */
public interface Expr {

    /**
     * The value for the item in {@code ctx}: null, String, Long, Double, Boolean, ByteString, KeyValueList or
     * ArrayValue.
     *
     * @throws io.meltgate.ottl.OttlEvalException when the expression cannot be computed for this item
     */
    Object eval(OttlContext ctx);

    /** What the expression produces, as far as known before data arrives. */
    ValueType type();

    /** Whether the value is the same for every item (a literal), so it can be computed once. */
    default boolean isConstant() {
        return false;
    }
}
