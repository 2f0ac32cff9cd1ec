package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.AnyValue;

/**
 * {@code numeric_attribute}: an integer attribute within {@code [min_value, max_value]}; as in the Collector a
 * bound of 0 means "no bound" on that side.
 */
public final class NumericAttributePredicate extends AttributePredicate {

    private final long min;
    private final long max;

    public NumericAttributePredicate(String key, long minValue, long maxValue) {
        super(key);
        this.min = minValue == 0 ? Long.MIN_VALUE : minValue;
        this.max = maxValue == 0 ? Long.MAX_VALUE : maxValue;
    }

    @Override
    protected boolean matchesValue(AnyValue value) {
        if (value.getValueCase() != AnyValue.ValueCase.INT_VALUE) {
            return false;
        }
        long v = value.getIntValue();
        return v >= min && v <= max;
    }
}
