package io.meltgate.processor.transform;

import io.meltgate.core.signal.Signal;
import io.meltgate.ottl.ErrorMode;
import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.OttlParser;
import io.meltgate.ottl.ParseError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of {@code trace_statements}/{@code metric_statements}/{@code log_statements}: a {@code context}
 * with its {@code statements}, optional {@code conditions} (the statements run on items where any holds) and
 * optional {@code error_mode}. A bare string in those lists is a statement whose context is inferred from its
 * path prefixes; consecutive bare strings of the same context form one group.
 */
record StatementGroup(OttlContextKind context, List<String> statements, List<String> conditions, ErrorMode errorMode) {

    private static final List<String> KEYS = List.of("context", "statements", "conditions", "error_mode");

    /**
     * Reads the YAML list of one option; every problem (shape, context, OTTL) goes to {@code problems} with
     * its place, e.g. {@code trace_statements[0].statements[2]: column 5: unknown path ...}.
     */
    static List<StatementGroup> read(List<Object> raw, Signal signal, String option, List<String> problems) {
        List<StatementGroup> groups = new ArrayList<>();
        if (raw == null) {
            return groups;
        }
        for (int i = 0; i < raw.size(); i++) {
            Object entry = raw.get(i);
            String where = option + "[" + i + "]";
            if (entry instanceof String s) {
                OttlContextKind k = OttlParser.inferContext(s, signal);
                compileStatement(s, k, where, problems);
                StatementGroup last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
                if (last != null && last.flat() && last.context == k) {
                    List<String> merged = new ArrayList<>(last.statements);
                    merged.add(s);
                    groups.set(groups.size() - 1, new StatementGroup(k, List.copyOf(merged), null, null));
                } else {
                    groups.add(new StatementGroup(k, List.of(s), null, null));
                }
            } else if (entry instanceof Map<?, ?> map) {
                StatementGroup g = group(map, signal, where, problems);
                if (g != null) {
                    groups.add(g);
                }
            } else {
                problems.add(where + ": expected a statement or a {context, statements} group");
            }
        }
        return groups;
    }

    /** Whether this group came from bare strings. */
    private boolean flat() {
        return conditions == null;
    }

    private static StatementGroup group(Map<?, ?> map, Signal signal, String where, List<String> problems) {
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(where + ": unknown key \"" + key + "\" (expected " + String.join(", ", KEYS) + ")");
            }
        }
        Object ctxName = map.get("context");
        OttlContextKind kind = ctxName == null ? null : OttlContextKind.fromName(String.valueOf(ctxName));
        List<String> statements = strings(map.get("statements"), where + ".statements", problems);
        List<String> conditions = strings(map.get("conditions"), where + ".conditions", problems);
        if (ctxName == null && !statements.isEmpty()) {
            kind = OttlParser.inferContext(statements.get(0), signal);
        }
        if (kind == null || !kind.belongsTo(signal)) {
            problems.add(where + ".context: \"" + ctxName + "\" is not a " + signal.name().toLowerCase(Locale.ROOT)
                    + " context (" + contextsOf(signal) + ")");
            return null;
        }
        ErrorMode mode = null;
        if (map.get("error_mode") != null) {
            try {
                mode = ErrorMode.valueOf(String.valueOf(map.get("error_mode")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(where + ".error_mode: must be propagate, ignore or silent");
            }
        }
        for (int j = 0; j < statements.size(); j++) {
            compileStatement(statements.get(j), kind, where + ".statements[" + j + "]", problems);
        }
        for (int j = 0; j < conditions.size(); j++) {
            try {
                OttlParser.parseCondition(conditions.get(j), kind);
            } catch (ParseError e) {
                problems.add(where + ".conditions[" + j + "]: " + e.getMessage());
            }
        }
        // a group always carries its conditions list (maybe empty), so bare strings after it start a new group
        return new StatementGroup(kind, statements, conditions, mode);
    }

    private static void compileStatement(String s, OttlContextKind k, String where, List<String> problems) {
        try {
            OttlParser.parseStatement(s, k);
        } catch (ParseError e) {
            problems.add(where + ": " + e.getMessage());
        }
    }

    private static List<String> strings(Object v, String where, List<String> problems) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            problems.add(where + ": expected a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof String s) {
                out.add(s);
            } else {
                problems.add(where + ": expected a list of strings, found " + o);
            }
        }
        return List.copyOf(out);
    }

    private static String contextsOf(Signal signal) {
        return switch (signal) {
            case TRACES -> "resource, scope, span, spanevent";
            case METRICS -> "resource, scope, metric, datapoint";
            case LOGS -> "resource, scope, log";
        };
    }
}
