package io.meltgate.ottl;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Statements run in order on one item, with an {@link ErrorMode}, optionally gated by conditions (the transform
 * processor's {@code conditions}: the statements run when any holds).
 */
public final class StatementSequence {

    private static final Logger LOG = Logger.getLogger(StatementSequence.class.getName());

    private final OttlContextKind context;
    private final Statement[] statements;
    private final ConditionSet gate;
    private final ErrorMode errorMode;
    private final String owner;
    private long errors;

    public StatementSequence(OttlContextKind context, List<Statement> statements, ConditionSet gate, ErrorMode errorMode,
                             String owner) {
        this.context = context;
        this.statements = statements.toArray(new Statement[0]);
        this.gate = gate;
        this.errorMode = errorMode;
        this.owner = owner;
    }

    public OttlContextKind context() {
        return context;
    }

    /**
     * Runs the statements on the item. Under {@code ignore} and {@code silent}, a failing statement is skipped and
     * the next one runs.
     *
     * @throws OttlEvalException under {@code propagate}, when a statement or gate condition fails
     */
    public void execute(OttlContext ctx) {
        if (gate != null && !gate.isEmpty() && !gate.anyTrue(ctx)) {
            return;
        }
        for (Statement s : statements) {
            try {
                s.execute(ctx);
            } catch (OttlEvalException e) {
                if (errorMode == ErrorMode.PROPAGATE) {
                    throw new OttlEvalException("failed to execute statement " + s.source() + ": " + e.getMessage());
                }
                if (errorMode == ErrorMode.IGNORE && errors++ % 1000 == 0) {
                    LOG.log(Level.WARNING, owner + ": failed to execute statement, ignoring (logged once per 1000): "
                            + s.source() + ": " + e.getMessage());
                }
            }
        }
    }
}
