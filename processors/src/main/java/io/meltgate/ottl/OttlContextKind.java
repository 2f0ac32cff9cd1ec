package io.meltgate.ottl;

import io.meltgate.core.signal.Signal;
import java.util.Locale;

/**
 * The OTTL contexts: what one evaluation of a condition or statement looks at. Each context also reaches the
 * levels above it ({@code span} sees {@code resource.*} and {@code instrumentation_scope.*}; {@code datapoint}
 * sees {@code metric.*} too; {@code spanevent} sees {@code span.*}).
 */
public enum OttlContextKind {
    RESOURCE("resource", 0),
    INSTRUMENTATION_SCOPE("instrumentation_scope", 1),
    SPAN("span", 2),
    SPANEVENT("spanevent", 3),
    METRIC("metric", 2),
    DATAPOINT("datapoint", 3),
    LOG("log", 2);

    private final String pathName;
    private final int depth;

    OttlContextKind(String pathName, int depth) {
        this.pathName = pathName;
        this.depth = depth;
    }

    /** The name used as a path prefix ({@code span.name}) and as the transform processor's {@code context}. */
    public String pathName() {
        return pathName;
    }

    /** 0 for resource, 1 for scope, 2 for span/metric/log, 3 for span event/data point. */
    public int depth() {
        return depth;
    }

    /** Whether an expression evaluated in this context may use paths of {@code other} (itself or a level above). */
    public boolean reaches(OttlContextKind other) {
        if (other == this || other == RESOURCE) {
            return true;
        }
        if (other == INSTRUMENTATION_SCOPE) {
            return this != RESOURCE;
        }
        return (this == SPANEVENT && other == SPAN) || (this == DATAPOINT && other == METRIC);
    }

    /** Whether this context exists for the signal's pipelines. */
    public boolean belongsTo(Signal signal) {
        return switch (this) {
            case RESOURCE, INSTRUMENTATION_SCOPE -> true;
            case SPAN, SPANEVENT -> signal == Signal.TRACES;
            case METRIC, DATAPOINT -> signal == Signal.METRICS;
            case LOG -> signal == Signal.LOGS;
        };
    }

    /**
     * The context a name means in a path prefix or the transform processor's {@code context:} key:
     * {@code resource}, {@code scope}/{@code instrumentation_scope}, {@code span}, {@code spanevent},
     * {@code metric}, {@code datapoint}, {@code log}; null when the name is none of them.
     */
    public static OttlContextKind fromName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "resource" -> RESOURCE;
            case "scope", "instrumentation_scope" -> INSTRUMENTATION_SCOPE;
            case "span" -> SPAN;
            case "spanevent" -> SPANEVENT;
            case "metric" -> METRIC;
            case "datapoint" -> DATAPOINT;
            case "log" -> LOG;
            default -> null;
        };
    }
}
