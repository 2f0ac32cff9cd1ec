package io.meltgate.processor.tailsampling.policy;

import io.meltgate.ottl.ConditionSet;
import io.meltgate.ottl.ErrorMode;
import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.OttlEvalException;
import io.meltgate.ottl.OttlParser;
import io.meltgate.ottl.ParseError;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code ottl_condition}: a span matches when any {@code span} condition holds for it, or any {@code spanevent}
 * condition holds for one of its events (conditions ORed, as in the Collector). Under {@code error_mode:
 * propagate} a condition that fails on a span counts as no match for it and is logged (the Collector skips the
 * policy's decision on an evaluation error). One OTTL context, reused: pipeline thread only.
 */
public final class OttlConditionPredicate implements SpanPredicate {

    private static final Logger LOG = Logger.getLogger(OttlConditionPredicate.class.getName());

    private final ConditionSet spanConditions;
    private final ConditionSet eventConditions;
    private final OttlContext context = new OttlContext();
    private long failures;

    public OttlConditionPredicate(String owner, List<String> span, List<String> spanevent, ErrorMode errorMode)
            throws ParseError {
        this.spanConditions = new ConditionSet(OttlParser.parseConditions(span == null ? List.of() : span,
                OttlContextKind.SPAN), errorMode, owner);
        this.eventConditions = new ConditionSet(OttlParser.parseConditions(spanevent == null ? List.of() : spanevent,
                OttlContextKind.SPANEVENT), errorMode, owner);
    }

    /** {@code error_mode} as written in YAML; propagate when empty. */
    public static ErrorMode errorMode(String yaml) {
        return yaml == null || yaml.isEmpty() ? ErrorMode.PROPAGATE
                : ErrorMode.valueOf(yaml.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean matchesSpan(Span span) {
        return matchesSpan(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), span);
    }

    @Override
    public boolean matchesSpan(Resource resource, InstrumentationScope scope, Span span) {
        try {
            if (!spanConditions.isEmpty() && spanConditions.anyTrue(context.forSpan(resource, scope, span))) {
                return true;
            }
            if (!eventConditions.isEmpty()) {
                for (Span.Event e : span.getEventsList()) {
                    if (eventConditions.anyTrue(context.forSpan(resource, scope, span).spanEvent(e))) {
                        return true;
                    }
                }
            }
        } catch (OttlEvalException e) {
            if (failures++ % 1000 == 0) {
                LOG.warning("tail_sampling ottl_condition failed on a span (logged once per 1000): " + e.getMessage());
            }
        }
        return false;
    }
}
