package io.meltgate.ottl.func;

import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.ParseError;
import java.util.List;
import java.util.Set;

/**
 * One OTTL function: its name, whether it is an editor (lowercase, a statement) or a converter (capitalized, a
 * value), its parameters in order, the contexts it exists in (null: all), and how to build it from bound
 * arguments (an {@link io.meltgate.ottl.eval.Editor} or an {@link io.meltgate.ottl.eval.Expr}).
 */
public record FunctionDef(String name, boolean editor, List<Param> params, Set<OttlContextKind> contexts, Builder builder) {

    @FunctionalInterface
    public interface Builder {
        Object build(Args args) throws ParseError;
    }

    /** What a parameter takes; checked against the argument when the expression is compiled. */
    public enum Kind {
        /** any value */
        VALUE,
        /** a value that may be a string */
        STRING,
        /** a value that may be an int */
        INT,
        /** a writable path */
        TARGET,
        /** a writable path holding a map */
        MAP_TARGET,
        /** a value that may be a map */
        MAP,
        /** a string literal compiled as a regular expression */
        REGEX,
        /** a string literal */
        LITERAL_STRING,
        /** an int literal */
        LITERAL_INT,
        /** a list literal of string literals */
        STRING_LIST,
        /** a list literal of values */
        LIST,
        /** a converter name taking one string: {@code SHA256}, {@code ToLowerCase} */
        FUNCTION
    }

    public record Param(String name, Kind kind, boolean optional) {
        public static Param required(String name, Kind kind) {
            return new Param(name, kind, false);
        }

        public static Param optional(String name, Kind kind) {
            return new Param(name, kind, true);
        }
    }
}
