package io.meltgate.ottl;

import io.meltgate.ottl.eval.BoolExpr;

/**
 * A compiled OTTL condition for one context, made by {@link OttlParser#parseCondition}. Immutable and
 * thread-safe; evaluating a plain comparison of a path with a literal allocates nothing.
 *
 * <pre>{@code
 * Condition slow = OttlParser.parseCondition("end_time_unix_nano - start_time_unix_nano > 1000000000",
 *         OttlContextKind.SPAN);
 * OttlContext ctx = new OttlContext();               // one per thread, reused
 * boolean hit = slow.eval(ctx.forSpan(resource, scope, span));
 * }</pre>
 */
public final class Condition {

    private final String source;
    private final OttlContextKind context;
    private final BoolExpr expr;

    Condition(String source, OttlContextKind context, BoolExpr expr) {
        this.source = source;
        this.context = context;
        this.expr = expr;
    }

    /**
     * Whether the condition holds for the item in {@code ctx} (filled for this condition's context).
     *
     * @throws OttlEvalException when it cannot be decided for this item (a function given a value it cannot
     *     take); the caller applies its {@link ErrorMode}
     */
    public boolean eval(OttlContext ctx) {
        return expr.test(ctx);
    }

    public String source() {
        return source;
    }

    public OttlContextKind context() {
        return context;
    }

    @Override
    public String toString() {
        return source;
    }
}
