package io.meltgate.ottl.path;

import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.ParseError;
import io.meltgate.ottl.eval.Expr;
import io.meltgate.ottl.eval.MapAccess;
import java.util.List;

/**
 * Compiles a path ({@code name}, {@code span.status.code}, {@code resource.attributes["service.name"]}) to a
 * direct accessor for the context it is evaluated in. A leading context name ({@code resource},
 * {@code instrumentation_scope}/{@code scope}, {@code span}, {@code spanevent}, {@code metric},
 * {@code datapoint}, {@code log}) selects that level; without one the path is of the context itself.
 */
public final class PathResolver {

    private PathResolver() {
    }

    /** What a context's field table needs: the path as written, for messages and errors. */
    record Request(String src, int column, String text, List<String> fields, List<Object> keys) {

        ParseError unknown(OttlContextKind in) {
            return new ParseError(src, column, "unknown path \"" + text + "\" in the " + in.pathName() + " context");
        }

        ParseError noKeys() {
            return new ParseError(src, column, "path \"" + text + "\" cannot be indexed with [...]");
        }

        boolean is(String... names) {
            if (fields.size() != names.length) {
                return false;
            }
            for (int i = 0; i < names.length; i++) {
                if (!fields.get(i).equals(names[i])) {
                    return false;
                }
            }
            return true;
        }

        /** {@code field} alone, without keys. */
        boolean plain(String... names) throws ParseError {
            if (!is(names)) {
                return false;
            }
            if (!keys.isEmpty()) {
                throw noKeys();
            }
            return true;
        }

        /** The whole map, or a key path into it. */
        Expr map(AttributesPath whole) throws ParseError {
            if (keys.isEmpty()) {
                return whole;
            }
            return keyed(whole);
        }

        Expr keyed(MapAccess map) throws ParseError {
            if (!(keys.get(0) instanceof String)) {
                throw new ParseError(src, column, "a map key must be a string, in \"" + text + "\"");
            }
            return new KeyPath(text, map, keys);
        }
    }

    public static Expr resolve(String src, int column, OttlContextKind kind, List<String> fields, List<Object> keys)
            throws ParseError {
        StringBuilder text = new StringBuilder(String.join(".", fields));
        for (Object k : keys) {
            text.append('[').append(k instanceof String ? "\"" + k + "\"" : k).append(']');
        }
        OttlContextKind target = kind;
        List<String> rest = fields;
        OttlContextKind prefix = OttlContextKind.fromName(fields.get(0));
        if (prefix != null && fields.size() > 1) {
            if (!kind.reaches(prefix)) {
                throw new ParseError(src, column, "path \"" + text + "\" is not available in the " + kind.pathName()
                        + " context");
            }
            target = prefix;
            rest = fields.subList(1, fields.size());
        } else if (prefix != null) {
            throw new ParseError(src, column, "path \"" + text + "\" names a context, not a field");
        }
        Request r = new Request(src, column, text.toString(), rest, keys);
        Expr e = switch (target) {
            case RESOURCE -> ResourceScopePaths.resource(r);
            case INSTRUMENTATION_SCOPE -> ResourceScopePaths.scope(r);
            case SPAN -> SpanPaths.resolve(r);
            case SPANEVENT -> SpanPaths.event(r);
            case METRIC -> MetricPaths.metric(r);
            case DATAPOINT -> MetricPaths.dataPoint(r);
            case LOG -> LogPaths.resolve(r);
        };
        if (e == null) {
            throw r.unknown(target);
        }
        return e;
    }
}
