package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code status_code}: a span whose status is one of {@code status_codes} (OK, ERROR, UNSET). */
public final class StatusCodePredicate implements SpanPredicate {

    private final Set<Status.StatusCode> codes = EnumSet.noneOf(Status.StatusCode.class);

    /** @param names OK, ERROR or UNSET (validated by the settings) */
    public StatusCodePredicate(List<String> names) {
        for (String n : names) {
            codes.add(Status.StatusCode.valueOf("STATUS_CODE_" + n));
        }
    }

    @Override
    public boolean matchesSpan(Span span) {
        Status.StatusCode code = span.hasStatus() ? span.getStatus().getCode() : Status.StatusCode.STATUS_CODE_UNSET;
        return codes.contains(code);
    }
}
