package io.meltgate.processor.matching;

import io.meltgate.ottl.eval.Values;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScopeOrBuilder;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecordOrBuilder;
import io.opentelemetry.proto.metrics.v1.MetricOrBuilder;
import io.opentelemetry.proto.resource.v1.ResourceOrBuilder;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.SpanOrBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compiled {@code include}/{@code exclude} block ({@link MatchProperties}): strings to sets or patterns once,
 * so matching an item is lookups and regex finds. Regexps match anywhere in the value (as Go's
 * {@code MatchString}); anchor them with {@code ^...$} for whole values.
 */
public final class ItemMatcher {

    private final boolean regexp;
    private final StringMatch services;
    private final StringMatch spanNames;
    private final Set<Integer> spanKinds;
    private final List<AttrMatch> attributes;
    private final List<AttrMatch> resources;
    private final List<LibraryMatch> libraries;
    private final StringMatch bodies;
    private final StringMatch severityTexts;
    private final int minSeverity;
    private final boolean matchUndefinedSeverity;
    private final StringMatch metricNames;

    private ItemMatcher(MatchProperties p) {
        regexp = p.matchType() == MatchType.REGEXP;
        services = strings(MatchProperties.nz(p.services()));
        spanNames = strings(MatchProperties.nz(p.spanNames()));
        spanKinds = new HashSet<>();
        for (String k : MatchProperties.nz(p.spanKinds())) {
            Span.SpanKind kind = Span.SpanKind.valueOf(k.startsWith("SPAN_KIND_") ? k : "SPAN_KIND_" + k.toUpperCase(java.util.Locale.ROOT));
            spanKinds.add(kind.getNumber());
        }
        attributes = attrs(concat(p.attributes(), p.recordAttributes()));
        resources = attrs(concat(p.resources(), p.resourceAttributes()));
        libraries = MatchProperties.nz(p.libraries());
        bodies = strings(concat(p.logBodies(), p.bodies()));
        severityTexts = strings(concat(p.logSeverityTexts(), p.severityTexts()));
        SeverityNumberMatch sev = p.severityNumber() != null ? p.severityNumber() : p.logSeverityNumber();
        minSeverity = sev == null ? 0 : Severity.parse(sev.min());
        matchUndefinedSeverity = sev != null && sev.matchUndefined();
        metricNames = strings(MatchProperties.nz(p.metricNames()));
    }

    /** The matcher of a block, or null when the block is absent. */
    public static ItemMatcher compile(MatchProperties p) {
        return p == null ? null : new ItemMatcher(p);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(MatchProperties.nz(a));
        out.addAll(MatchProperties.nz(b));
        return out;
    }

    /*
     * A criterion an item does not have (a metric name for a span, a span name for a log) never matches it, so a
     * block naming only metric names selects no span or log.
     */
    public boolean matchesSpan(ResourceOrBuilder r, InstrumentationScopeOrBuilder s, SpanOrBuilder span) {
        return metricNames == null && bodies == null && severityTexts == null && minSeverity == 0
                && common(r, s, span.getAttributesList())
                && (spanNames == null || spanNames.test(span.getName()))
                && (spanKinds.isEmpty() || spanKinds.contains(span.getKindValue()));
    }

    public boolean matchesLog(ResourceOrBuilder r, InstrumentationScopeOrBuilder s, LogRecordOrBuilder log) {
        if (metricNames != null || spanNames != null || !spanKinds.isEmpty() || !common(r, s, log.getAttributesList())) {
            return false;
        }
        if (bodies != null) {
            String body = Values.asString(Values.fromAny(log.getBody()));
            if (body == null || !bodies.test(body)) {
                return false;
            }
        }
        if (severityTexts != null && !severityTexts.test(log.getSeverityText())) {
            return false;
        }
        if (minSeverity > 0) {
            int n = log.getSeverityNumberValue();
            return n == 0 ? matchUndefinedSeverity : n >= minSeverity;
        }
        return true;
    }

    /** A metric by its name and resource (the metrics form of the filter processor). */
    public boolean matchesMetric(ResourceOrBuilder r, MetricOrBuilder m) {
        return (metricNames == null || metricNames.test(m.getName())) && attrsMatch(resources, r.getAttributesList())
                && (services == null || services.test(serviceName(r)));
    }

    /** A data point by its metric, resource and own attributes (the attributes processor on metrics). */
    public boolean matchesDataPoint(ResourceOrBuilder r, InstrumentationScopeOrBuilder s, MetricOrBuilder m,
                                    List<KeyValue> pointAttributes) {
        return spanNames == null && spanKinds.isEmpty() && bodies == null && severityTexts == null && minSeverity == 0
                && common(r, s, pointAttributes) && (metricNames == null || metricNames.test(m.getName()));
    }

    private boolean common(ResourceOrBuilder r, InstrumentationScopeOrBuilder s, List<KeyValue> itemAttributes) {
        if (services != null && !services.test(serviceName(r))) {
            return false;
        }
        if (!attrsMatch(resources, r.getAttributesList()) || !attrsMatch(attributes, itemAttributes)) {
            return false;
        }
        if (!libraries.isEmpty()) {
            boolean any = false;
            for (LibraryMatch lib : libraries) {
                if (textMatches(lib.name(), s.getName())
                        && (lib.version() == null || textMatches(lib.version(), s.getVersion()))) {
                    any = true;
                    break;
                }
            }
            return any;
        }
        return true;
    }

    private static String serviceName(ResourceOrBuilder r) {
        AnyValue v = Values.lookup(r.getAttributesList(), "service.name");
        return v != null && v.hasStringValue() ? v.getStringValue() : "";
    }

    private boolean textMatches(String pattern, String value) {
        return regexp ? Pattern.compile(pattern).matcher(value).find() : pattern.equals(value);
    }

    private boolean attrsMatch(List<AttrMatch> wanted, List<KeyValue> have) {
        for (AttrMatch a : wanted) {
            AnyValue v = Values.lookup(have, a.key);
            if (v == null) {
                return false;
            }
            if (a.pattern != null) {
                String s = Values.asString(Values.fromAny(v));
                if (s == null || !a.pattern.matcher(s).find()) {
                    return false;
                }
            } else if (a.value != null && !Values.compareAny(v, a.value, io.meltgate.ottl.eval.CompareOp.EQ)) {
                return false;
            }
        }
        return true;
    }

    private List<AttrMatch> attrs(List<AttributeMatch> in) {
        List<AttrMatch> out = new ArrayList<>();
        for (AttributeMatch a : in) {
            Object v = a.value() instanceof Integer i ? Long.valueOf(i) : a.value();
            out.add(new AttrMatch(a.key(), v, regexp && v != null ? Pattern.compile(String.valueOf(v)) : null));
        }
        return out;
    }

    private StringMatch strings(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        if (regexp) {
            List<Pattern> patterns = values.stream().map(Pattern::compile).toList();
            return s -> {
                for (Pattern p : patterns) {
                    if (p.matcher(s).find()) {
                        return true;
                    }
                }
                return false;
            };
        }
        Set<String> set = Set.copyOf(values);
        return set::contains;
    }

    private record AttrMatch(String key, Object value, Pattern pattern) {
    }

    @FunctionalInterface
    private interface StringMatch {
        boolean test(String s);
    }
}
