package io.meltgate.ottl.eval;

import io.meltgate.ottl.OttlContext;
import io.opentelemetry.proto.common.v1.AnyValue;

/**
 * An expression whose value lives in the data as an OTLP {@link AnyValue} (an attribute, a log body, a nested
 * key): comparisons read it in place instead of converting it to a Java object.
 */
public interface AnyValueExpr extends Expr {

    /** The value, or null when absent (a missing key, an unset body). */
    AnyValue anyValue(OttlContext ctx);

    @Override
    default Object eval(OttlContext ctx) {
        return Values.fromAny(anyValue(ctx));
    }

    @Override
    default ValueType type() {
        return ValueType.ANY;
    }
}
