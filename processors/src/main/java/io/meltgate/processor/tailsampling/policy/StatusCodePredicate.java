package io.meltgate.processor.tailsampling.policy;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code status_code}: a span whose status is one of {@code status_codes} (OK, ERROR, UNSET). */
public final class StatusCodePredicate implements WireSpanPredicate {

    private final Set<Status.StatusCode> codes = EnumSet.noneOf(Status.StatusCode.class);
    /** The same codes as enum numbers, bit n for number n (0 UNSET, 1 OK, 2 ERROR). */
    private final int numberBits;

    /** @param names OK, ERROR or UNSET (validated by the settings) */
    public StatusCodePredicate(List<String> names) {
        int bits = 0;
        for (String n : names) {
            Status.StatusCode code = Status.StatusCode.valueOf("STATUS_CODE_" + n);
            codes.add(code);
            bits |= 1 << code.getNumber();
        }
        this.numberBits = bits;
    }

    @Override
    public boolean matchesFields(SpanFields fields) {
        int n = fields.statusCode;
        // An unknown number (a newer code) is none of OK, ERROR, UNSET: as the decoded path's UNRECOGNIZED.
        return n >= 0 && n <= 2 && (numberBits & (1 << n)) != 0;
    }

    @Override
    public boolean matchesSpan(Span span) {
        Status.StatusCode code = span.hasStatus() ? span.getStatus().getCode() : Status.StatusCode.STATUS_CODE_UNSET;
        return codes.contains(code);
    }
}
