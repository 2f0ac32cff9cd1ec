package io.meltgate.ottl.func;

import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.ParseError;
import io.meltgate.ottl.eval.Expr;
import io.meltgate.ottl.eval.ListLiteral;
import io.meltgate.ottl.eval.MapAccess;
import io.meltgate.ottl.eval.OnMapValue;
import io.meltgate.ottl.eval.Settable;
import io.meltgate.ottl.eval.ValueType;
import io.meltgate.ottl.parse.Parser.RawArg;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Matches the arguments of a call to the function's parameters (by position, then by name) and checks them. */
public final class Binder {

    private Binder() {
    }

    public static Object bind(FunctionDef def, List<RawArg> raw, String src, int callColumn, OttlContextKind kind)
            throws ParseError {
        if (def.contexts() != null && !def.contexts().contains(kind)) {
            throw new ParseError(src, callColumn, "function \"" + def.name() + "\" is not available in the "
                    + kind.pathName() + " context");
        }
        List<FunctionDef.Param> params = def.params();
        Object[] values = new Object[params.size()];
        int[] columns = new int[params.size()];
        boolean named = false;
        for (int i = 0; i < raw.size(); i++) {
            RawArg a = raw.get(i);
            int slot;
            if (a.name() == null) {
                if (named) {
                    throw new ParseError(src, a.column(), "a positional argument cannot follow a named one");
                }
                slot = i;
                if (slot >= params.size()) {
                    throw new ParseError(src, a.column(), "too many arguments to " + def.name() + ": it takes "
                            + params.size());
                }
            } else {
                named = true;
                slot = -1;
                for (int p = 0; p < params.size(); p++) {
                    if (params.get(p).name().equals(a.name())) {
                        slot = p;
                    }
                }
                if (slot < 0) {
                    throw new ParseError(src, a.column(), def.name() + " has no parameter \"" + a.name() + "\"");
                }
                if (values[slot] != null) {
                    throw new ParseError(src, a.column(), "parameter \"" + a.name() + "\" given twice");
                }
            }
            values[slot] = check(def, params.get(slot), a, src);
            columns[slot] = a.column();
        }
        for (int p = 0; p < params.size(); p++) {
            if (values[p] == null && !params.get(p).optional()) {
                throw new ParseError(src, callColumn, def.name() + " needs its \"" + params.get(p).name()
                        + "\" argument");
            }
        }
        return def.builder().build(new Args(src, values, columns, callColumn));
    }

    private static Object check(FunctionDef def, FunctionDef.Param param, RawArg a, String src) throws ParseError {
        Object v = a.value();
        String where = def.name() + "'s \"" + param.name() + "\" ";
        if (param.kind() == FunctionDef.Kind.FUNCTION) {
            if (!(v instanceof FunctionRef ref)) {
                throw new ParseError(src, a.column(), where + "must name a converter, like SHA256");
            }
            var f = Converters.stringFunction(ref.name());
            if (f == null && Functions.find(ref.name()) == null) {
                throw new ParseError(src, a.column(), where + "must name a converter (SHA256, ToLowerCase, ToUpperCase);"
                        + " there is no function " + ref.name());
            }
            if (f == null) {
                throw new ParseError(src, a.column(), where + "cannot be " + ref.name()
                        + " (takes SHA256, ToLowerCase, ToUpperCase)");
            }
            return f;
        }
        if (v instanceof FunctionRef ref) {
            throw new ParseError(src, a.column(), Functions.find(ref.name()) == null
                    ? "unknown enum or function \"" + ref.name() + "\""
                    : "converter " + ref.name() + " must be called with (...)");
        }
        Expr e = (Expr) v;
        switch (param.kind()) {
            case VALUE -> {
                return e;
            }
            case STRING, INT, MAP -> {
                ValueType want = switch (param.kind()) {
                    case STRING -> ValueType.STRING;
                    case INT -> ValueType.INT;
                    default -> ValueType.MAP;
                };
                if (!e.type().fits(want) || e.type() == ValueType.DOUBLE && want == ValueType.INT) {
                    throw new ParseError(src, a.column(), where + "must be " + want.label() + ", not " + e.type().label());
                }
                return e;
            }
            case TARGET -> {
                if (!(e instanceof Settable)) {
                    throw new ParseError(src, a.column(), where + "must be a path that can be set");
                }
                return e;
            }
            case MAP_TARGET -> {
                if (e instanceof MapAccess) {
                    return e;
                }
                if (e instanceof Settable s && s.type() == ValueType.ANY) {
                    return new OnMapValue(s);
                }
                throw new ParseError(src, a.column(), where + "must be a map path such as attributes, not "
                        + e.type().label());
            }
            case REGEX -> {
                String s = literalString(e, a, src, where);
                try {
                    return Pattern.compile(s);
                } catch (PatternSyntaxException ex) {
                    throw new ParseError(src, a.column(), where + "is not a valid regular expression: "
                            + ex.getDescription());
                }
            }
            case LITERAL_STRING -> {
                return literalString(e, a, src, where);
            }
            case LITERAL_INT -> {
                if (!e.isConstant() || !(e.eval(null) instanceof Long l)) {
                    throw new ParseError(src, a.column(), where + "must be an int literal");
                }
                return l;
            }
            case STRING_LIST -> {
                if (!(e instanceof ListLiteral list)) {
                    throw new ParseError(src, a.column(), where + "must be a list of strings like [\"a\", \"b\"]");
                }
                List<String> out = new ArrayList<>();
                for (Expr item : list.elements()) {
                    if (!item.isConstant() || !(item.eval(null) instanceof String s)) {
                        throw new ParseError(src, a.column(), where + "must hold only string literals");
                    }
                    out.add(s);
                }
                return List.copyOf(out);
            }
            case LIST -> {
                if (!(e instanceof ListLiteral list)) {
                    throw new ParseError(src, a.column(), where + "must be a list like [a, b]");
                }
                return list.elements();
            }
            default -> throw new IllegalStateException(param.kind().name());
        }
    }

    private static String literalString(Expr e, RawArg a, String src, String where) throws ParseError {
        if (!e.isConstant() || !(e.eval(null) instanceof String s)) {
            throw new ParseError(src, a.column(), where + "must be a string literal");
        }
        return s;
    }
}
