package io.meltgate.ottl;

import io.meltgate.ottl.eval.BoolExpr;
import io.meltgate.ottl.eval.Editor;

/**
 * A compiled OTTL statement ({@code editor(args) [where condition]}) for one context, made by
 * {@link OttlParser#parseStatement}. Immutable and thread-safe; it changes only the {@link OttlContext} given.
 */
public final class Statement {

    private final String source;
    private final OttlContextKind context;
    private final Editor editor;
    private final BoolExpr where;

    Statement(String source, OttlContextKind context, Editor editor, BoolExpr where) {
        this.source = source;
        this.context = context;
        this.editor = editor;
        this.where = where;
    }

    /**
     * Runs the editor on the item in {@code ctx} if the {@code where} condition holds (or there is none).
     *
     * @return whether the editor ran
     * @throws OttlEvalException when the statement fails on this item
     */
    public boolean execute(OttlContext ctx) {
        if (where != null && !where.test(ctx)) {
            return false;
        }
        editor.apply(ctx);
        return true;
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
