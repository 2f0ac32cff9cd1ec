package io.meltgate.ottl.eval;

/**
 * What an expression is known, at compile time, to produce. {@link #ANY} is a value only the data decides (an
 * attribute, a log body); the rest let the compiler reject wrong arguments and pick allocation-free comparisons.
 * At run time values are Java objects: null, String, Long, Double, Boolean, ByteString (bytes), KeyValueList
 * (map) and ArrayValue (slice).
 */
public enum ValueType {
    ANY, STRING, INT, DOUBLE, BOOL, BYTES, MAP, SLICE, NIL;

    public boolean isNumeric() {
        return this == INT || this == DOUBLE;
    }

    /** Whether a value of this type may be where {@code wanted} is expected. */
    public boolean fits(ValueType wanted) {
        return wanted == ANY || this == ANY || this == wanted || this == NIL
                || (wanted == DOUBLE && this == INT);
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
