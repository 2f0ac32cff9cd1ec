package io.meltgate.ottl.parse;

import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.ParseError;
import io.meltgate.ottl.eval.Arithmetic;
import io.meltgate.ottl.eval.BoolExpr;
import io.meltgate.ottl.eval.CompareOp;
import io.meltgate.ottl.eval.Comparisons;
import io.meltgate.ottl.eval.Editor;
import io.meltgate.ottl.eval.Expr;
import io.meltgate.ottl.eval.Indexed;
import io.meltgate.ottl.eval.ListLiteral;
import io.meltgate.ottl.eval.Literal;
import io.meltgate.ottl.eval.Logic;
import io.meltgate.ottl.eval.MapLiteral;
import io.meltgate.ottl.eval.ValueType;
import io.meltgate.ottl.func.Binder;
import io.meltgate.ottl.func.FunctionDef;
import io.meltgate.ottl.func.FunctionRef;
import io.meltgate.ottl.func.Functions;
import io.meltgate.ottl.path.Enums;
import io.meltgate.ottl.path.PathResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Recursive-descent parser that compiles as it parses: paths are resolved against the context, functions bound
 * and type-checked, so what comes out is ready to run. Grammar (precedence low to high):
 * <pre>
 * statement  = editor "(" args ")" [ "where" condition ]
 * condition  = or
 * or         = and { "or" and }          and = not { "and" not }          not = "not" not | comparison
 * comparison = sum [ ("=="|"!="|"&lt;"|"&lt;="|"&gt;"|"&gt;=") sum ]
 * sum        = product { ("+"|"-") product }                   product = unary { ("*"|"/") unary }
 * unary      = "-" unary | primary
 * primary    = literal | ENUM | path | Converter "(" args ")" { "[" key "]" } | "(" or ")" | list | map
 * </pre>
 */
public final class Parser {

    /** A parsed statement: the editor and its optional {@code where} condition (null when absent). */
    public record ParsedStatement(Editor editor, BoolExpr where, String editorName) {
    }

    /** An argument as written: {@code name} is null for positional ones; value is an Expr or a FunctionRef. */
    public record RawArg(String name, Object value, int column) {
    }

    private final String src;
    private final List<Token> toks;
    private final OttlContextKind kind;
    private int pos;

    private Parser(String src, OttlContextKind kind) throws ParseError {
        this.src = src;
        this.kind = kind;
        this.toks = Lexer.tokenize(src);
    }

    public static BoolExpr condition(String src, OttlContextKind kind) throws ParseError {
        Parser p = new Parser(src, kind);
        int col = p.peek().column();
        Expr e = p.or();
        p.expect(Token.Kind.EOF, "end of condition");
        return p.asCondition(e, col);
    }

    public static ParsedStatement statement(String src, OttlContextKind kind) throws ParseError {
        Parser p = new Parser(src, kind);
        Token name = p.peek();
        if (!name.is(Token.Kind.IDENT) || !p.peekAt(1).is(Token.Kind.LPAREN)) {
            throw p.error(name, "a statement starts with an editor call such as set(...)");
        }
        FunctionDef def = Functions.find(name.text());
        if (def == null) {
            throw p.error(name, "unknown function \"" + name.text() + "\"");
        }
        if (!def.editor()) {
            throw p.error(name, "\"" + name.text() + "\" is a converter; a statement needs an editor");
        }
        p.pos++;
        Editor editor = (Editor) p.call(def, name);
        BoolExpr where = null;
        if (p.peek().isWord("where")) {
            p.pos++;
            int col = p.peek().column();
            where = p.asCondition(p.or(), col);
        }
        p.expect(Token.Kind.EOF, "end of statement or \"where\"");
        return new ParsedStatement(editor, where, def.name());
    }

    /**
     * The context prefixes ({@code span.}, {@code resource.}, ...) the paths of {@code src} start with, in order;
     * for inferring the context of a flat statement list. Tokenizes only; never fails on a semantic problem.
     */
    public static List<OttlContextKind> pathPrefixes(String src) {
        List<OttlContextKind> out = new ArrayList<>();
        try {
            List<Token> ts = Lexer.tokenize(src);
            for (int i = 0; i + 1 < ts.size(); i++) {
                Token t = ts.get(i);
                boolean afterDot = i > 0 && ts.get(i - 1).is(Token.Kind.DOT);
                if (t.is(Token.Kind.IDENT) && !afterDot && ts.get(i + 1).is(Token.Kind.DOT)) {
                    OttlContextKind k = OttlContextKind.fromName(t.text());
                    if (k != null) {
                        out.add(k);
                    }
                }
                if (t.is(Token.Kind.IDENT) && ts.get(i + 1).is(Token.Kind.LPAREN)) {
                    FunctionDef def = Functions.find(t.text());
                    if (def != null && def.contexts() != null && def.contexts().size() == 1) {
                        out.add(def.contexts().iterator().next());
                    }
                }
            }
        } catch (ParseError e) {
            // the real parse reports it
        }
        return out;
    }

    // ---- boolean level

    private BoolExpr asCondition(Expr e, int col) throws ParseError {
        if (e.type() != ValueType.BOOL) {
            throw new ParseError(src, col, "expected a condition (a comparison, a boolean or a converter returning"
                    + " a boolean), found a value of type " + e.type().label());
        }
        return Logic.truthy(e);
    }

    private Expr or() throws ParseError {
        int col = peek().column();
        Expr left = and();
        while (peek().isWord("or")) {
            next();
            int rcol = peek().column();
            Expr right = and();
            left = Logic.or(asCondition(left, col), asCondition(right, rcol));
        }
        return left;
    }

    private Expr and() throws ParseError {
        int col = peek().column();
        Expr left = not();
        while (peek().isWord("and")) {
            next();
            int rcol = peek().column();
            Expr right = not();
            left = Logic.and(asCondition(left, col), asCondition(right, rcol));
        }
        return left;
    }

    private Expr not() throws ParseError {
        if (peek().isWord("not")) {
            next();
            int col = peek().column();
            return Logic.not(asCondition(not(), col));
        }
        return comparison();
    }

    private Expr comparison() throws ParseError {
        Expr left = sum();
        Token t = peek();
        CompareOp op = t.is(Token.Kind.OP) ? CompareOp.of(t.text()) : null;
        if (op == null) {
            return left;
        }
        next();
        Expr right = sum();
        return Comparisons.of(left, op, right);
    }

    // ---- arithmetic

    private Expr sum() throws ParseError {
        Expr left = product();
        while (peek().isOp("+") || peek().isOp("-")) {
            Token op = next();
            Expr right = product();
            left = math(left, op, right);
        }
        return left;
    }

    private Expr product() throws ParseError {
        Expr left = unary();
        while (peek().isOp("*") || peek().isOp("/")) {
            Token op = next();
            Expr right = unary();
            left = math(left, op, right);
        }
        return left;
    }

    private Expr math(Expr left, Token op, Expr right) throws ParseError {
        for (Expr e : new Expr[] {left, right}) {
            ValueType t = e.type();
            if (!(t == ValueType.INT || t == ValueType.DOUBLE || t == ValueType.ANY)) {
                throw error(op, "\"" + op.text() + "\" needs numbers, not " + t.label());
            }
        }
        return Arithmetic.of(left, op.text().charAt(0), right);
    }

    private Expr unary() throws ParseError {
        if (peek().isOp("-")) {
            Token op = next();
            Expr e = unary();
            if (!(e.type() == ValueType.INT || e.type() == ValueType.DOUBLE || e.type() == ValueType.ANY)) {
                throw error(op, "\"-\" needs a number, not " + e.type().label());
            }
            return Arithmetic.negate(e);
        }
        return primary();
    }

    // ---- values

    private Expr primary() throws ParseError {
        Token t = peek();
        switch (t.kind()) {
            case STRING, INT, FLOAT, BYTES -> {
                next();
                return t.is(Token.Kind.INT) ? Literal.ofLong((Long) t.value()) : new Literal(t.value());
            }
            case LPAREN -> {
                next();
                Expr e = or();
                expect(Token.Kind.RPAREN, "\")\"");
                return e;
            }
            case LBRACK -> {
                next();
                List<Expr> items = new ArrayList<>();
                if (!peek().is(Token.Kind.RBRACK)) {
                    do {
                        items.add(or());
                    } while (accept(Token.Kind.COMMA));
                }
                expect(Token.Kind.RBRACK, "\"]\"");
                return new ListLiteral(List.copyOf(items));
            }
            case LBRACE -> {
                next();
                LinkedHashMap<String, Expr> entries = new LinkedHashMap<>();
                if (!peek().is(Token.Kind.RBRACE)) {
                    do {
                        Token k = peek();
                        if (!k.is(Token.Kind.STRING)) {
                            throw error(k, "a map key must be a string");
                        }
                        next();
                        expect(Token.Kind.COLON, "\":\"");
                        entries.put((String) k.value(), or());
                    } while (accept(Token.Kind.COMMA));
                }
                expect(Token.Kind.RBRACE, "\"}\"");
                return new MapLiteral(entries);
            }
            case IDENT -> {
                return identifier();
            }
            default -> throw error(t, "expected a value, found " + t.describe());
        }
    }

    private Expr identifier() throws ParseError {
        Token t = next();
        String w = t.text();
        switch (w) {
            case "true", "false" -> {
                return new Literal.BoolLiteral(w.equals("true"));
            }
            case "nil" -> {
                return new Literal(null);
            }
            case "and", "or", "not", "where" -> throw error(t, "unexpected \"" + w + "\"");
            default -> {
            }
        }
        if (peek().is(Token.Kind.LPAREN)) {
            FunctionDef def = Functions.find(w);
            if (def == null) {
                throw error(t, "unknown function \"" + w + "\"");
            }
            if (def.editor()) {
                throw error(t, "editor \"" + w + "\" cannot be used as a value");
            }
            Expr call = (Expr) call(def, t);
            List<Object> keys = keys();
            return keys.isEmpty() ? call : new Indexed.OnValue(call, keys);
        }
        if (Character.isUpperCase(w.charAt(0))) {
            Long e = Enums.lookup(w);
            if (e != null) {
                return Literal.ofLong(e);
            }
            throw error(t, "unknown enum \"" + w + "\"");
        }
        List<String> fields = new ArrayList<>();
        fields.add(w);
        while (peek().is(Token.Kind.DOT)) {
            next();
            Token f = peek();
            if (!f.is(Token.Kind.IDENT)) {
                throw error(f, "expected a field name after \".\"");
            }
            next();
            fields.add(f.text());
        }
        List<Object> keys = keys();
        return PathResolver.resolve(src, t.column(), kind, fields, keys);
    }

    private List<Object> keys() throws ParseError {
        List<Object> keys = new ArrayList<>();
        while (peek().is(Token.Kind.LBRACK)) {
            next();
            Token k = peek();
            if (k.is(Token.Kind.STRING) || k.is(Token.Kind.INT)) {
                keys.add(k.value());
                next();
            } else {
                throw error(k, "a key must be a string or an int literal");
            }
            expect(Token.Kind.RBRACK, "\"]\"");
        }
        return keys;
    }

    /** Parses {@code (args)} after the function name and binds them. */
    private Object call(FunctionDef def, Token name) throws ParseError {
        expect(Token.Kind.LPAREN, "\"(\"");
        List<RawArg> args = new ArrayList<>();
        if (!peek().is(Token.Kind.RPAREN)) {
            do {
                Token first = peek();
                String argName = null;
                if (first.is(Token.Kind.IDENT) && peekAt(1).isOp("=")) {
                    argName = first.text();
                    pos += 2;
                }
                Token at = peek();
                Object value;
                if (at.is(Token.Kind.IDENT) && Character.isUpperCase(at.text().charAt(0))
                        && !peekAt(1).is(Token.Kind.LPAREN) && !peekAt(1).is(Token.Kind.LBRACK)
                        && Enums.lookup(at.text()) == null) {
                    next();
                    value = new FunctionRef(at.text(), at.column());
                } else {
                    value = or();
                }
                args.add(new RawArg(argName, value, argName != null ? first.column() : at.column()));
            } while (accept(Token.Kind.COMMA));
        }
        expect(Token.Kind.RPAREN, "\")\"");
        return Binder.bind(def, args, src, name.column(), kind);
    }

    // ---- tokens

    private Token peek() {
        return toks.get(pos);
    }

    private Token peekAt(int ahead) {
        return toks.get(Math.min(pos + ahead, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(pos);
        if (pos < toks.size() - 1) {
            pos++;
        }
        return t;
    }

    private boolean accept(Token.Kind k) {
        if (peek().is(k)) {
            next();
            return true;
        }
        return false;
    }

    private void expect(Token.Kind k, String what) throws ParseError {
        Token t = peek();
        if (!t.is(k)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        next();
    }

    private ParseError error(Token t, String reason) {
        return new ParseError(src, t.column(), reason);
    }
}
