package io.meltgate.ottl;

/**
 * An OTTL expression that cannot run: a syntax error, an unknown path, function or enum, or an argument of the
 * wrong type. Found once, when the expression is compiled, never while data flows.
 */
public final class ParseError extends Exception {

    private final String expression;
    private final int column;
    private final String reason;

    /**
     * @param column 1-based column in {@code expression} where the problem starts
     */
    public ParseError(String expression, int column, String reason) {
        super("column " + column + ": " + reason + " in `" + expression + "`");
        this.expression = expression;
        this.column = column;
        this.reason = reason;
    }

    public String expression() {
        return expression;
    }

    /** 1-based column of the problem in {@link #expression()}. */
    public int column() {
        return column;
    }

    /** The problem without the position, e.g. {@code unknown path "span.nmae"}. */
    public String reason() {
        return reason;
    }
}
