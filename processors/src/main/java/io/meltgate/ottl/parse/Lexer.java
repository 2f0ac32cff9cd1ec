package io.meltgate.ottl.parse;

import com.google.protobuf.ByteString;
import io.meltgate.ottl.ParseError;
import io.meltgate.ottl.eval.Values;
import java.util.ArrayList;
import java.util.List;

/** Splits an OTTL expression into tokens. */
final class Lexer {

    private Lexer() {
    }

    static List<Token> tokenize(String src) throws ParseError {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            int col = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = src.charAt(j);
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    if (d == '\\' && j + 1 < n) {
                        char e = src.charAt(j + 1);
                        switch (e) {
                            case '"' -> sb.append('"');
                            case '\\' -> sb.append('\\');
                            case 'n' -> sb.append('\n');
                            case 't' -> sb.append('\t');
                            case 'r' -> sb.append('\r');
                            // Regexes like "\d+" keep their backslash, as the Collector's users write them.
                            default -> sb.append('\\').append(e);
                        }
                        j += 2;
                    } else {
                        sb.append(d);
                        j++;
                    }
                }
                if (!closed) {
                    throw new ParseError(src, col, "unterminated string");
                }
                out.add(new Token(Token.Kind.STRING, src.substring(i, j + 1), sb.toString(), col));
                i = j + 1;
            } else if (c == '0' && i + 1 < n && (src.charAt(i + 1) == 'x' || src.charAt(i + 1) == 'X')) {
                int j = i + 2;
                while (j < n && Character.digit(src.charAt(j), 16) >= 0) {
                    j++;
                }
                ByteString bytes = Values.unhex(src.substring(i + 2, j));
                if (j == i + 2 || bytes == null) {
                    throw new ParseError(src, col, "bytes literal needs an even number of hex digits");
                }
                out.add(new Token(Token.Kind.BYTES, src.substring(i, j), bytes, col));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && Character.isDigit(src.charAt(j))) {
                    j++;
                }
                boolean isFloat = false;
                if (j < n && src.charAt(j) == '.') {
                    isFloat = true;
                    j++;
                    while (j < n && Character.isDigit(src.charAt(j))) {
                        j++;
                    }
                }
                if (j < n && (src.charAt(j) == 'e' || src.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < n && (src.charAt(k) == '+' || src.charAt(k) == '-')) {
                        k++;
                    }
                    if (k < n && Character.isDigit(src.charAt(k))) {
                        isFloat = true;
                        j = k;
                        while (j < n && Character.isDigit(src.charAt(j))) {
                            j++;
                        }
                    }
                }
                String text = src.substring(i, j);
                try {
                    Object v = isFloat ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
                    out.add(new Token(isFloat ? Token.Kind.FLOAT : Token.Kind.INT, text, v, col));
                } catch (NumberFormatException e) {
                    throw new ParseError(src, col, "number out of range: " + text);
                }
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Token.Kind.IDENT, src.substring(i, j), null, col));
                i = j;
            } else {
                String two = i + 1 < n ? src.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=")) {
                    out.add(new Token(Token.Kind.OP, two, null, col));
                    i += 2;
                    continue;
                }
                Token.Kind k = switch (c) {
                    case '(' -> Token.Kind.LPAREN;
                    case ')' -> Token.Kind.RPAREN;
                    case '[' -> Token.Kind.LBRACK;
                    case ']' -> Token.Kind.RBRACK;
                    case '{' -> Token.Kind.LBRACE;
                    case '}' -> Token.Kind.RBRACE;
                    case ',' -> Token.Kind.COMMA;
                    case ':' -> Token.Kind.COLON;
                    case '.' -> Token.Kind.DOT;
                    case '<', '>', '+', '-', '*', '/', '=' -> Token.Kind.OP;
                    default -> null;
                };
                if (k == null) {
                    throw new ParseError(src, col, "unexpected character '" + c + "'");
                }
                out.add(new Token(k, String.valueOf(c), null, col));
                i++;
            }
        }
        out.add(new Token(Token.Kind.EOF, "", null, n + 1));
        return out;
    }
}
