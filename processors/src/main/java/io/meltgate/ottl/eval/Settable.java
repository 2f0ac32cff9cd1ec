package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;

/** A path that editors can write: {@code set(name, "x")}, {@code set(attributes["k"], 1)}. */
public interface Settable extends Expr {

    /**
     * Writes {@code value} (a runtime value, see {@link Expr#eval}); a value the field cannot hold is ignored, as
     * the Collector does. Writes nothing when the value is already there, so unchanged data stays the same
     * instance.
     */
    void set(OttlContext ctx, Object value);

    /** The path as written, for messages. */
    String describe();
}
