package io.meltgate.ottl;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Conditions ORed together, with an {@link ErrorMode}: the filter processor drops an item when any is true;
 * the transform processor runs a group's statements when any of its {@code conditions} is true. An empty set is
 * never true.
 */
public final class ConditionSet {

    private static final Logger LOG = Logger.getLogger(ConditionSet.class.getName());

    private final Condition[] conditions;
    private final ErrorMode errorMode;
    private final String owner;
    private long errors;

    public ConditionSet(List<Condition> conditions, ErrorMode errorMode, String owner) {
        this.conditions = conditions.toArray(new Condition[0]);
        this.errorMode = errorMode;
        this.owner = owner;
    }

    public boolean isEmpty() {
        return conditions.length == 0;
    }

    /**
     * Whether any condition holds for the item. A condition that fails counts as false under {@code ignore} and
     * {@code silent}.
     *
     * @throws OttlEvalException under {@code propagate}, when a condition fails
     */
    public boolean anyTrue(OttlContext ctx) {
        for (Condition c : conditions) {
            try {
                if (c.eval(ctx)) {
                    return true;
                }
            } catch (OttlEvalException e) {
                if (errorMode == ErrorMode.PROPAGATE) {
                    throw new OttlEvalException("failed to eval condition " + c.source() + ": " + e.getMessage());
                }
                if (errorMode == ErrorMode.IGNORE && errors++ % 1000 == 0) {
                    LOG.log(Level.WARNING, owner + ": failed to eval condition, ignoring (logged once per 1000): "
                            + c.source() + ": " + e.getMessage());
                }
            }
        }
        return false;
    }
}
