package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.AnyValue;

/** {@code boolean_attribute}: a boolean attribute equal to {@code value}. */
public final class BooleanAttributePredicate extends AttributePredicate {

    private final boolean expected;

    public BooleanAttributePredicate(String key, boolean expected) {
        super(key);
        this.expected = expected;
    }

    @Override
    protected boolean matchesValue(AnyValue value) {
        return value.getValueCase() == AnyValue.ValueCase.BOOL_VALUE && value.getBoolValue() == expected;
    }
}
