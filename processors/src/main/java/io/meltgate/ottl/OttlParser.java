package io.meltgate.ottl;

import io.meltgate.core.signal.Signal;
import io.meltgate.ottl.parse.Parser;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of the OTTL engine: compiles conditions and statements once, at start, for a context.
 * Everything wrong with an expression (syntax, an unknown path, function or enum, an argument of the wrong type, a
 * function that does not exist in the context) is a {@link ParseError} naming the column.
 *
 * <p>Paths may carry their context as a prefix ({@code span.name}, {@code resource.attributes["k"]},
 * {@code instrumentation_scope.name}) or not ({@code name} is the span's in the span context).
 */
public final class OttlParser {

    private OttlParser() {
    }

    /** Compiles a condition, e.g. {@code attributes["http.route"] == "/health" and kind == SPAN_KIND_SERVER}. */
    public static Condition parseCondition(String expression, OttlContextKind context) throws ParseError {
        return new Condition(expression, context, Parser.condition(expression, context));
    }

    /** Compiles a statement, e.g. {@code set(attributes["env"], "prod") where resource.attributes["k"] == nil}. */
    public static Statement parseStatement(String expression, OttlContextKind context) throws ParseError {
        Parser.ParsedStatement p = Parser.statement(expression, context);
        return new Statement(expression, context, p.editor(), p.where());
    }

    /** Compiles several conditions; the first error wins. */
    public static List<Condition> parseConditions(List<String> expressions, OttlContextKind context) throws ParseError {
        List<Condition> out = new ArrayList<>();
        for (String e : expressions) {
            out.add(parseCondition(e, context));
        }
        return List.copyOf(out);
    }

    /** Compiles several statements; the first error wins. */
    public static List<Statement> parseStatements(List<String> expressions, OttlContextKind context) throws ParseError {
        List<Statement> out = new ArrayList<>();
        for (String e : expressions) {
            out.add(parseStatement(e, context));
        }
        return List.copyOf(out);
    }

    /**
     * The context a statement without a {@code context:} group runs in, inferred as the Collector does from its
     * path prefixes: the deepest context named ({@code datapoint} over {@code metric} over {@code resource}).
     * Without any prefix, the signal's item context (span, datapoint, log).
     */
    public static OttlContextKind inferContext(String expression, Signal signal) {
        OttlContextKind best = null;
        for (OttlContextKind k : Parser.pathPrefixes(expression)) {
            if (k.belongsTo(signal) && (best == null || k.depth() > best.depth())) {
                best = k;
            }
        }
        if (best != null) {
            return best;
        }
        return switch (signal) {
            case TRACES -> OttlContextKind.SPAN;
            case METRICS -> OttlContextKind.DATAPOINT;
            case LOGS -> OttlContextKind.LOG;
        };
    }
}
