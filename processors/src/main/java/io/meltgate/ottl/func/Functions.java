package io.meltgate.ottl.func;

import static io.meltgate.ottl.func.FunctionDef.Kind.FUNCTION;
import static io.meltgate.ottl.func.FunctionDef.Kind.LIST;
import static io.meltgate.ottl.func.FunctionDef.Kind.LITERAL_INT;
import static io.meltgate.ottl.func.FunctionDef.Kind.LITERAL_STRING;
import static io.meltgate.ottl.func.FunctionDef.Kind.MAP;
import static io.meltgate.ottl.func.FunctionDef.Kind.MAP_TARGET;
import static io.meltgate.ottl.func.FunctionDef.Kind.REGEX;
import static io.meltgate.ottl.func.FunctionDef.Kind.STRING;
import static io.meltgate.ottl.func.FunctionDef.Kind.STRING_LIST;
import static io.meltgate.ottl.func.FunctionDef.Kind.TARGET;
import static io.meltgate.ottl.func.FunctionDef.Kind.VALUE;
import static io.meltgate.ottl.func.FunctionDef.Param.optional;
import static io.meltgate.ottl.func.FunctionDef.Param.required;

import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.ParseError;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every OTTL function meltgate knows, by name, with its parameters as the Collector's ottlfuncs documents them.
 * Functions are looked up once, at compile time.
 */
public final class Functions {

    private static final Map<String, FunctionDef> ALL = new LinkedHashMap<>();

    static {
        // ---- converters
        converter("IsMatch", List.of(required("target", VALUE), required("pattern", REGEX)), null,
                a -> Converters.isMatch(a.expr(0), a.regex(1)));
        converter("IsString", List.of(required("value", VALUE)), null,
                a -> Converters.isType(a.expr(0), AnyValue.ValueCase.STRING_VALUE, String.class));
        converter("IsInt", List.of(required("value", VALUE)), null,
                a -> Converters.isType(a.expr(0), AnyValue.ValueCase.INT_VALUE, Long.class));
        converter("IsDouble", List.of(required("value", VALUE)), null,
                a -> Converters.isType(a.expr(0), AnyValue.ValueCase.DOUBLE_VALUE, Double.class));
        converter("IsBool", List.of(required("value", VALUE)), null,
                a -> Converters.isType(a.expr(0), AnyValue.ValueCase.BOOL_VALUE, Boolean.class));
        converter("IsMap", List.of(required("value", VALUE)), null,
                a -> Converters.isType(a.expr(0), AnyValue.ValueCase.KVLIST_VALUE, KeyValueList.class));
        converter("IsList", List.of(required("value", VALUE)), null,
                a -> Converters.isType(a.expr(0), AnyValue.ValueCase.ARRAY_VALUE, ArrayValue.class));
        converter("Len", List.of(required("target", VALUE)), null, a -> Converters.len(a.expr(0)));
        converter("Concat", List.of(required("vals", LIST), required("delimiter", LITERAL_STRING)), null,
                a -> Converters.concat(a.exprs(0), a.string(1)));
        converter("Int", List.of(required("value", VALUE)), null, a -> Converters.toInt(a.expr(0)));
        converter("Double", List.of(required("value", VALUE)), null, a -> Converters.toDouble(a.expr(0)));
        converter("String", List.of(required("value", VALUE)), null, a -> Converters.toStringValue(a.expr(0)));
        converter("ToLowerCase", List.of(required("target", STRING)), null, a -> Converters.caseOf(a.expr(0), false));
        converter("ToUpperCase", List.of(required("target", STRING)), null, a -> Converters.caseOf(a.expr(0), true));
        converter("SHA256", List.of(required("value", STRING)), null, a -> Converters.sha256(a.expr(0)));
        converter("HasAttrKeyOnDatapoint", List.of(required("key", LITERAL_STRING)), Converters.METRIC_ONLY,
                a -> Converters.hasAttrOnDatapoint(a.string(0), null));
        converter("HasAttrOnDatapoint", List.of(required("key", LITERAL_STRING), required("value", LITERAL_STRING)),
                Converters.METRIC_ONLY, a -> Converters.hasAttrOnDatapoint(a.string(0), a.string(1)));

        // ---- editors
        editor("set", List.of(required("target", TARGET), required("value", VALUE)),
                a -> Editors.set(a.target(0), a.expr(1)));
        editor("delete_key", List.of(required("target", MAP_TARGET), required("key", STRING)),
                a -> Editors.deleteKey(a.map(0), a.expr(1)));
        editor("delete_matching_keys", List.of(required("target", MAP_TARGET), required("pattern", REGEX)),
                a -> Editors.deleteMatchingKeys(a.map(0), a.regex(1)));
        editor("keep_keys", List.of(required("target", MAP_TARGET), required("keys", STRING_LIST)),
                a -> Editors.keepKeys(a.map(0), a.strings(1)));
        editor("keep_matching_keys", List.of(required("target", MAP_TARGET), required("pattern", REGEX)),
                a -> Editors.keepMatchingKeys(a.map(0), a.regex(1)));
        editor("limit", List.of(required("target", MAP_TARGET), required("limit", LITERAL_INT),
                optional("priority_keys", STRING_LIST)), a -> {
                    long limit = a.integer(1);
                    if (limit < 1) {
                        throw a.error(1, "limit must be at least 1, not " + limit);
                    }
                    if (a.strings(2).size() > limit) {
                        throw a.error(2, "there are more priority_keys (" + a.strings(2).size() + ") than the limit ("
                                + limit + ")");
                    }
                    return Editors.limit(a.map(0), limit, a.strings(2));
                });
        editor("truncate_all", List.of(required("target", MAP_TARGET), required("limit", LITERAL_INT)), a -> {
            if (a.integer(1) < 0) {
                throw a.error(1, "limit must not be negative");
            }
            return Editors.truncateAll(a.map(0), a.integer(1));
        });
        editor("replace_pattern", List.of(required("target", TARGET), required("regex", REGEX),
                required("replacement", STRING), optional("function", FUNCTION), optional("replacementFormat", LITERAL_STRING)),
                a -> Editors.replacePattern(a.target(0), a.regex(1), a.expr(2), finish(a, 3, 4)));
        editor("replace_all_patterns", List.of(required("target", MAP_TARGET), required("mode", LITERAL_STRING),
                required("regex", REGEX), required("replacement", STRING), optional("function", FUNCTION),
                optional("replacementFormat", LITERAL_STRING)), a -> {
                    if (!a.string(1).equals("key") && !a.string(1).equals("value")) {
                        throw a.error(1, "mode must be \"key\" or \"value\", not \"" + a.string(1) + "\"");
                    }
                    return Editors.replaceAllPatterns(a.map(0), a.string(1), a.regex(2), a.expr(3), finish(a, 4, 5));
                });
        editor("replace_match", List.of(required("target", TARGET), required("pattern", LITERAL_STRING),
                required("replacement", STRING), optional("function", FUNCTION), optional("replacementFormat", LITERAL_STRING)),
                a -> Editors.replaceMatch(a.target(0), glob(a, 1), a.expr(2), finish(a, 3, 4)));
        editor("replace_all_matches", List.of(required("target", MAP_TARGET), required("pattern", LITERAL_STRING),
                required("replacement", STRING), optional("function", FUNCTION), optional("replacementFormat", LITERAL_STRING)),
                a -> Editors.replaceAllMatches(a.map(0), glob(a, 1), a.expr(2), finish(a, 3, 4)));
        editor("merge_maps", List.of(required("target", MAP_TARGET), required("source", MAP),
                required("strategy", LITERAL_STRING)), a -> {
                    String s = a.string(2);
                    if (!s.equals("insert") && !s.equals("update") && !s.equals("upsert")) {
                        throw a.error(2, "strategy must be insert, update or upsert, not \"" + s + "\"");
                    }
                    return Editors.mergeMaps(a.map(0), a.expr(1), s);
                });
    }

    private Functions() {
    }

    /** The function of that name (case-sensitive, as in the Collector), or null. */
    public static FunctionDef find(String name) {
        return ALL.get(name);
    }

    /** Every function, editors and converters, in documentation order. */
    public static List<FunctionDef> all() {
        return List.copyOf(ALL.values());
    }

    private static Editors.Finish finish(Args a, int function, int format) throws ParseError {
        if (a.present(format) && !a.string(format).contains("%s")) {
            throw a.error(format, "replacementFormat must contain %s");
        }
        return new Editors.Finish(a.present(function) ? a.function(function) : null,
                a.present(format) ? a.string(format) : null);
    }

    private static Pattern glob(Args a, int i) throws ParseError {
        try {
            return Editors.glob(a.string(i));
        } catch (PatternSyntaxException e) {
            throw a.error(i, "invalid pattern: " + e.getDescription());
        }
    }

    private static void converter(String name, List<FunctionDef.Param> params, Set<OttlContextKind> contexts,
                                  FunctionDef.Builder b) {
        ALL.put(name, new FunctionDef(name, false, params, contexts, b));
    }

    private static void editor(String name, List<FunctionDef.Param> params, FunctionDef.Builder b) {
        ALL.put(name, new FunctionDef(name, true, params, null, b));
    }
}
