package io.meltgate.ottl.parse;

/** One lexical token of an OTTL expression, with its 1-based column. */
record Token(Kind kind, String text, Object value, int column) {

    enum Kind { IDENT, STRING, INT, FLOAT, BYTES, OP, LPAREN, RPAREN, LBRACK, RBRACK, LBRACE, RBRACE, COMMA, COLON, DOT, EOF }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isOp(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    boolean isWord(String w) {
        return kind == Kind.IDENT && text.equals(w);
    }

    String describe() {
        return kind == Kind.EOF ? "end of expression" : "\"" + text + "\"";
    }
}
