package io.meltgate.processor.matching;

import io.meltgate.core.component.ComponentSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An {@code include} or {@code exclude} block of the filter and attributes processors, with the Collector's
 * option names (the spans/logs form and the metrics form share this record). Every option given must match
 * (AND); within a list, any entry may (OR), except {@code attributes}, {@code resources},
 * {@code resource_attributes} and {@code record_attributes}, whose entries must all match.
 *
 * @param matchType {@code strict} or {@code regexp} (required)
 * @param services {@code service.name} of the resource
 * @param spanNames span names
 * @param spanKinds span kinds, as {@code SPAN_KIND_SERVER} ...
 * @param attributes attributes of the span, log record or data point
 * @param resources resource attributes (spans form)
 * @param resourceAttributes resource attributes (metrics and logs form)
 * @param recordAttributes log record attributes (logs form)
 * @param libraries instrumentation scopes
 * @param logBodies log bodies (spans form name)
 * @param bodies log bodies (logs form name)
 * @param logSeverityTexts severity texts (spans form name)
 * @param severityTexts severity texts (logs form name)
 * @param logSeverityNumber minimum severity (spans form name)
 * @param severityNumber minimum severity (logs form name)
 * @param metricNames metric names
 * @param expressions the Collector's {@code expr} match type; not supported (rejected by validate)
 */
public record MatchProperties(MatchType matchType, List<String> services, List<String> spanNames,
                              List<String> spanKinds, List<AttributeMatch> attributes, List<AttributeMatch> resources,
                              List<AttributeMatch> resourceAttributes, List<AttributeMatch> recordAttributes,
                              List<LibraryMatch> libraries, List<String> logBodies, List<String> bodies,
                              List<String> logSeverityTexts, List<String> severityTexts,
                              SeverityNumberMatch logSeverityNumber, SeverityNumberMatch severityNumber,
                              List<String> metricNames, List<String> expressions)
        implements ComponentSettings {

    /** An empty block; the binder starts every present block from this. */
    public static MatchProperties defaults() {
        return new MatchProperties(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), null, null, List.of(), List.of());
    }

    /** A block matching on metric names (tests and programmatic use). */
    public static MatchProperties metricNames(MatchType type, List<String> names) {
        MatchProperties d = defaults();
        return new MatchProperties(type, d.services, d.spanNames, d.spanKinds, d.attributes, d.resources,
                d.resourceAttributes, d.recordAttributes, d.libraries, d.logBodies, d.bodies, d.logSeverityTexts,
                d.severityTexts, null, null, names, d.expressions);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (matchType == null) {
            problems.add("match_type must be strict or regexp" + (expressions != null && !expressions.isEmpty()
                    ? " (the expr match type is not supported: write the condition in OTTL)" : ""));
        }
        if (expressions != null && !expressions.isEmpty()) {
            problems.add("expressions (match_type expr) is not supported: use OTTL conditions (metrics.metric)");
        }
        if (matchType == MatchType.REGEXP) {
            for (List<String> list : List.of(nz(services), nz(spanNames), nz(logBodies), nz(bodies), nz(logSeverityTexts),
                    nz(severityTexts), nz(metricNames))) {
                for (String p : list) {
                    checkRegex(p, problems);
                }
            }
            for (List<AttributeMatch> list : List.of(nz(attributes), nz(resources), nz(resourceAttributes), nz(recordAttributes))) {
                for (AttributeMatch a : list) {
                    if (a.value() != null) {
                        checkRegex(String.valueOf(a.value()), problems);
                    }
                }
            }
        }
        for (String k : nz(spanKinds)) {
            String name = k.startsWith("SPAN_KIND_") ? k : "SPAN_KIND_" + k.toUpperCase(java.util.Locale.ROOT);
            try {
                io.opentelemetry.proto.trace.v1.Span.SpanKind.valueOf(name);
            } catch (IllegalArgumentException e) {
                problems.add("span_kinds: \"" + k + "\" is not a span kind (SPAN_KIND_SERVER, SPAN_KIND_CLIENT, ...)");
            }
        }
        for (SeverityNumberMatch s : new SeverityNumberMatch[] {logSeverityNumber, severityNumber}) {
            if (s != null && Severity.parse(s.min()) < 0) {
                problems.add("severity_number.min \"" + s.min() + "\" is not a severity (TRACE, DEBUG, INFO, WARN,"
                        + " ERROR, FATAL, optionally followed by 2-4, or 1-24)");
            }
        }
        return problems;
    }

    private static void checkRegex(String p, List<String> problems) {
        try {
            Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            problems.add("\"" + p + "\" is not a valid regular expression: " + e.getDescription());
        }
    }

    static <T> List<T> nz(List<T> l) {
        return l == null ? List.of() : l;
    }
}
