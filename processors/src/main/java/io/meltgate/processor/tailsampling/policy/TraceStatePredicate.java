package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Set;

/** {@code trace_state}: a span whose W3C {@code tracestate} has {@code key} with one of {@code values}. */
public final class TraceStatePredicate implements SpanPredicate {

    private final String key;
    private final Set<String> values;

    public TraceStatePredicate(String key, List<String> values) {
        this.key = key;
        this.values = Set.copyOf(values);
    }

    @Override
    public boolean matchesSpan(Span span) {
        String ts = span.getTraceState();
        if (ts.isEmpty()) {
            return false;
        }
        for (String member : ts.split(",")) {
            int eq = member.indexOf('=');
            if (eq > 0 && member.substring(0, eq).trim().equals(key)) {
                return values.contains(member.substring(eq + 1).trim());
            }
        }
        return false;
    }
}
