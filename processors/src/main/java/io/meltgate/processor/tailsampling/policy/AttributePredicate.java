package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * Matches a span when the span's or its resource's attribute {@code key} holds a matching value, as the
 * Collector's attribute policies look at "resource and record" attributes.
 */
public abstract class AttributePredicate implements SpanPredicate {

    private final String key;

    protected AttributePredicate(String key) {
        this.key = key;
    }

    /** Whether an attribute value of the key matches. */
    protected abstract boolean matchesValue(AnyValue value);

    @Override
    public final boolean matchesResource(Resource resource) {
        return matches(resource.getAttributesList());
    }

    @Override
    public final boolean matchesSpan(Span span) {
        return matches(span.getAttributesList());
    }

    private boolean matches(List<KeyValue> attributes) {
        for (int i = 0, n = attributes.size(); i < n; i++) {
            KeyValue kv = attributes.get(i);
            if (kv.getKey().equals(key)) {
                return matchesValue(kv.getValue());
            }
        }
        return false;
    }
}
