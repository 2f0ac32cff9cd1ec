package io.meltgate.ottl.func;

import io.meltgate.ottl.ParseError;
import io.meltgate.ottl.eval.Expr;
import io.meltgate.ottl.eval.MapAccess;
import io.meltgate.ottl.eval.Settable;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The arguments of one call, bound to the parameters in order and already checked against their kinds. */
public final class Args {

    private final String src;
    private final Object[] values;
    private final int[] columns;
    private final int callColumn;

    Args(String src, Object[] values, int[] columns, int callColumn) {
        this.src = src;
        this.values = values;
        this.columns = columns;
        this.callColumn = callColumn;
    }

    public boolean present(int i) {
        return values[i] != null;
    }

    public Expr expr(int i) {
        return (Expr) values[i];
    }

    public Settable target(int i) {
        return (Settable) values[i];
    }

    /** The map of a MAP_TARGET parameter. */
    public MapAccess map(int i) {
        return (MapAccess) values[i];
    }

    public Pattern regex(int i) {
        return (Pattern) values[i];
    }

    public String string(int i) {
        return (String) values[i];
    }

    public long integer(int i) {
        return (Long) values[i];
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(int i) {
        return values[i] == null ? List.of() : (List<String>) values[i];
    }

    @SuppressWarnings("unchecked")
    public List<Expr> exprs(int i) {
        return (List<Expr>) values[i];
    }

    @SuppressWarnings("unchecked")
    public UnaryOperator<String> function(int i) {
        return (UnaryOperator<String>) values[i];
    }

    /** A validation error at the argument's column (the call's when it is absent). */
    public ParseError error(int i, String reason) {
        return new ParseError(src, values[i] != null ? columns[i] : callColumn, reason);
    }
}
