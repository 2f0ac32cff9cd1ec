package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;

/** A compiled editor call ({@code set}, {@code delete_key}, ...): changes the item in the context. */
@FunctionalInterface
public interface Editor {

    void apply(OttlContext ctx);
}
