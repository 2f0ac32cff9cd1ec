package io.meltgate.processor.transform;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.signal.Signal;
import io.meltgate.ottl.ErrorMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code transform} processor's options, as the Collector names them. Each statements option is a list
 * whose entries are either groups ({@code context}, {@code statements}, optional {@code conditions} and
 * {@code error_mode}) or bare statements whose context is inferred from their path prefixes.
 *
 * @param errorMode what a statement that fails on an item does: {@code propagate} (default), {@code ignore},
 *     {@code silent}; a group's own {@code error_mode} overrides it
 * @param traceStatements statements for traces pipelines
 * @param metricStatements statements for metrics pipelines
 * @param logStatements statements for logs pipelines
 */
public record TransformSettings(ErrorMode errorMode, List<Object> traceStatements, List<Object> metricStatements,
                                List<Object> logStatements) implements ComponentSettings {

    /** The groups of a signal, already checked by {@link #validate()}. */
    List<StatementGroup> groups(Signal signal) {
        List<String> problems = new ArrayList<>();
        List<StatementGroup> g = switch (signal) {
            case TRACES -> StatementGroup.read(traceStatements, signal, "trace_statements", problems);
            case METRICS -> StatementGroup.read(metricStatements, signal, "metric_statements", problems);
            case LOGS -> StatementGroup.read(logStatements, signal, "log_statements", problems);
        };
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return g;
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        StatementGroup.read(traceStatements, Signal.TRACES, "trace_statements", problems);
        StatementGroup.read(metricStatements, Signal.METRICS, "metric_statements", problems);
        StatementGroup.read(logStatements, Signal.LOGS, "log_statements", problems);
        return problems;
    }
}
