package io.meltgate.processor.filter;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.ottl.ErrorMode;
import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.OttlParser;
import io.meltgate.ottl.ParseError;
import io.meltgate.processor.matching.MatchProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code filter} processor's options, as the Collector names them. OTTL conditions per context (an item is
 * dropped when any is true) and the older {@code include}/{@code exclude} blocks ({@code spans},
 * {@code metrics}, {@code logs}: items are kept when they match {@code include} and not {@code exclude}).
 *
 * @param errorMode what a condition that fails on an item does: {@code propagate} (default), {@code ignore},
 *     {@code silent}
 * @param traces {@code traces.span} and {@code traces.spanevent} conditions
 * @param metrics {@code metrics.metric} and {@code metrics.datapoint} conditions, and the older
 *     {@code metrics.include}/{@code metrics.exclude}
 * @param logs {@code logs.log_record} conditions, and the older {@code logs.include}/{@code logs.exclude}
 * @param spans the older {@code spans.include}/{@code spans.exclude}
 */
public record FilterSettings(ErrorMode errorMode, Traces traces, Metrics metrics, Logs logs, Spans spans)
        implements ComponentSettings {

    /** {@code traces:} */
    public record Traces(List<String> span, List<String> spanevent) {
        public static Traces defaults() {
            return new Traces(List.of(), List.of());
        }
    }

    /** {@code metrics:} */
    public record Metrics(List<String> metric, List<String> datapoint, MatchProperties include, MatchProperties exclude) {
        public static Metrics defaults() {
            return new Metrics(List.of(), List.of(), null, null);
        }
    }

    /** {@code logs:} */
    public record Logs(List<String> logRecord, MatchProperties include, MatchProperties exclude) {
        public static Logs defaults() {
            return new Logs(List.of(), null, null);
        }
    }

    /** {@code spans:} (the older form) */
    public record Spans(MatchProperties include, MatchProperties exclude) {
        public static Spans defaults() {
            return new Spans(null, null);
        }
    }

    public Traces tracesOrEmpty() {
        return traces != null ? traces : Traces.defaults();
    }

    public Metrics metricsOrEmpty() {
        return metrics != null ? metrics : Metrics.defaults();
    }

    public Logs logsOrEmpty() {
        return logs != null ? logs : Logs.defaults();
    }

    public Spans spansOrEmpty() {
        return spans != null ? spans : Spans.defaults();
    }

    /** Compiles every condition: a wrong one is reported with its option, index and the column in it. */
    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        check(problems, "traces.span", tracesOrEmpty().span(), OttlContextKind.SPAN);
        check(problems, "traces.spanevent", tracesOrEmpty().spanevent(), OttlContextKind.SPANEVENT);
        check(problems, "metrics.metric", metricsOrEmpty().metric(), OttlContextKind.METRIC);
        check(problems, "metrics.datapoint", metricsOrEmpty().datapoint(), OttlContextKind.DATAPOINT);
        check(problems, "logs.log_record", logsOrEmpty().logRecord(), OttlContextKind.LOG);
        boolean ottl = !nz(tracesOrEmpty().span()).isEmpty() || !nz(tracesOrEmpty().spanevent()).isEmpty();
        if (ottl && (spansOrEmpty().include() != null || spansOrEmpty().exclude() != null)) {
            problems.add("spans.include/exclude cannot be used together with traces conditions");
        }
        boolean metricOttl = !nz(metricsOrEmpty().metric()).isEmpty() || !nz(metricsOrEmpty().datapoint()).isEmpty();
        if (metricOttl && (metricsOrEmpty().include() != null || metricsOrEmpty().exclude() != null)) {
            problems.add("metrics.include/exclude cannot be used together with metrics.metric or metrics.datapoint");
        }
        if (!nz(logsOrEmpty().logRecord()).isEmpty() && (logsOrEmpty().include() != null || logsOrEmpty().exclude() != null)) {
            problems.add("logs.include/exclude cannot be used together with logs.log_record");
        }
        return problems;
    }

    static void check(List<String> problems, String option, List<String> conditions, OttlContextKind kind) {
        List<String> list = nz(conditions);
        for (int i = 0; i < list.size(); i++) {
            try {
                OttlParser.parseCondition(list.get(i), kind);
            } catch (ParseError e) {
                problems.add(option + "[" + i + "]: " + e.getMessage());
            }
        }
    }

    static <T> List<T> nz(List<T> l) {
        return l == null ? List.of() : l;
    }
}
