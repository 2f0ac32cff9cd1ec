package io.meltgate.core.otlp.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import io.meltgate.core.otlp.json.FieldTable.Field;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads OTLP/JSON straight from a streaming parser into protobuf builders, without an intermediate tree.
 *
 * <p>The OTLP/JSON rules on top of proto3's JSON mapping: trace and span ids are hex; enums arrive as
 * integers or names; 64-bit integers as strings or numbers; keys in lowerCamelCase or snake_case; unknown
 * keys are skipped; {@code null} means the default. Nesting deeper than {@link #MAX_DEPTH} messages is
 * refused, as protobuf's own parser refuses it, so a hostile body cannot exhaust the stack.
 */
final class OtlpJsonDecoder {

    /** The same nesting limit protobuf's binary parser applies. */
    static final int MAX_DEPTH = 100;

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private OtlpJsonDecoder() {
    }

    /** Reads one whole JSON document (an object) into the builder; anything after it is an error. */
    static void readDocument(JsonParser p, Message.Builder builder) throws IOException {
        readDocument(p, builder, true);
    }

    /** As above; {@code fast} false decodes with the generic path only (tests compare the two). */
    static void readDocument(JsonParser p, Message.Builder builder, boolean fast) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw error(p, "the body must be a JSON object");
        }
        readObject(p, builder, FieldTable.of(builder.getDescriptorForType()), 0, fast);
        if (p.nextToken() != null) {
            throw error(p, "unexpected content after the JSON object");
        }
    }

    /**
     * Reads a message value into a fresh child builder and returns it: the parser stands on the value (it
     * must be an object), {@code field} is the message field of the parent, {@code depth} the parent's.
     * The hand-written readers ({@link OtlpFastReaders}) call this for their message fields.
     */
    static <B extends Message.Builder> B readMessage(JsonParser p, B child, Field field, int depth, boolean fast)
            throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(p, "field " + field.jsonName + " must be an object");
        }
        readObject(p, child, field.messageTable(), depth + 1, fast);
        return child;
    }

    /**
     * The one loop over an object's keys, for every message type: key lookup, unknown keys, nulls, arrays,
     * the depth limit. Each value then goes to the type's hand-written reader when it has one and handles
     * that field, else to the generic reflective path. The parser stands on START_OBJECT; returns standing
     * on the matching END_OBJECT.
     */
    private static void readObject(JsonParser p, Message.Builder builder, FieldTable fields, int depth,
            boolean fast) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error(p, "messages nested deeper than " + MAX_DEPTH);
        }
        OtlpFastReaders.Reader reader = fast ? fields.fastReaderFor(builder) : null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            Field field = fields.field(p.currentName());
            JsonToken value = p.nextToken();
            if (field == null || field.skipped || value == JsonToken.VALUE_NULL) {
                p.skipChildren();
                continue;
            }
            if (field.repeated) {
                if (value != JsonToken.START_ARRAY) {
                    throw error(p, "field " + field.jsonName + " must be an array");
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == JsonToken.VALUE_NULL) {
                        throw error(p, "null inside the array " + field.jsonName);
                    }
                    if (reader == null || !reader.read(p, builder, field, depth)) {
                        builder.addRepeatedField(field.descriptor, readValue(p, builder, field, depth, fast));
                    }
                }
            } else if (reader == null || !reader.read(p, builder, field, depth)) {
                builder.setField(field.descriptor, readValue(p, builder, field, depth, fast));
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw error(p, "malformed object");
        }
    }

    /** The generic path: reads the value the parser stands on as the reflective API wants it. */
    private static Object readValue(JsonParser p, Message.Builder parent, Field field, int depth, boolean fast)
            throws IOException {
        switch (field.javaType) {
            case MESSAGE -> {
                return readMessage(p, parent.newBuilderForField(field.descriptor), field, depth, fast).build();
            }
            case INT -> {
                return readInt32(p, field);
            }
            case LONG -> {
                return readInt64(p, field);
            }
            case DOUBLE -> {
                return readDouble(p, field);
            }
            case FLOAT -> {
                return (float) readDouble(p, field);
            }
            case BOOLEAN -> {
                return readBool(p, field);
            }
            case STRING -> {
                return readString(p, field);
            }
            case BYTE_STRING -> {
                return readBytes(p, field);
            }
            case ENUM -> {
                // OTLP enums are open (proto3): an unknown number is kept, as the binary decoder keeps it.
                return field.descriptor.getEnumType().findValueByNumberCreatingIfUnknown(readEnumNumber(p, field));
            }
            default -> throw error(p, "unsupported field " + field.jsonName);
        }
    }

    // The value readers, shared by the generic path and the hand-written readers: the parser stands on the
    // value (never VALUE_NULL: the object loop handles nulls).

    static String readString(JsonParser p, Field field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw error(p, "field " + field.jsonName + " must be a string");
        }
        return p.getText();
    }

    static boolean readBool(JsonParser p, Field field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_STRING && ("true".equals(p.getText()) || "false".equals(p.getText()))) {
            return Boolean.parseBoolean(p.getText());
        }
        throw error(p, "field " + field.jsonName + " must be true or false");
    }

    /** A 32-bit integer field (int32, uint32, fixed32, ...): the range is checked, unsigned kept as its bits. */
    static int readInt32(JsonParser p, Field field) throws IOException {
        long v = readInt64(p, field);
        if (field.unsigned ? (v < 0 || v > 0xFFFF_FFFFL) : (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw error(p, "field " + field.jsonName + " is out of range for 32 bits");
        }
        return (int) v;
    }

    static ByteString readBytes(JsonParser p, Field field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw error(p, "field " + field.jsonName + " must be a string");
        }
        return field.hexId ? hex(p, field) : base64(p, field);
    }

    /** An enum as its number or its name; an unknown number is kept (proto3 enums are open), a name must exist. */
    static int readEnumNumber(JsonParser p, Field field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            long n = p.getLongValue();
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw error(p, "field " + field.jsonName + " is out of range");
            }
            return (int) n;
        }
        if (t == JsonToken.VALUE_STRING) {
            EnumValueDescriptor v = field.descriptor.getEnumType().findValueByName(p.getText());
            if (v == null) {
                throw error(p, "field " + field.jsonName + " has an unknown value: " + p.getText());
            }
            return v.getNumber();
        }
        throw error(p, "field " + field.jsonName + " must be an enum number or name");
    }

    /**
     * A 64-bit (or 32-bit) integer as a JSON number or a decimal string; unsigned fields take the full
     * unsigned range (returned as the same bits in a signed long, as protobuf-java holds them).
     */
    static long readInt64(JsonParser p, Field field) throws IOException {
        JsonToken t = p.currentToken();
        boolean unsigned = field.unsigned;
        // Fast paths first: plain integers, as numbers or decimal strings, are nearly all OTLP sends.
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long v = p.getLongValue();
            if (unsigned && v < 0) {
                throw error(p, "field " + field.jsonName + " is out of range: " + v);
            }
            return v;
        }
        if (t == JsonToken.VALUE_STRING) {
            // Nanosecond timestamps as strings: read the parser's characters, no String made.
            long v = parseDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (v != NOT_PLAIN) {
                return v;
            }
            String s = p.getText();
            try {
                return unsigned ? Long.parseUnsignedLong(s) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                // An exponent, a fraction, spaces, or out of range: the exact path below decides.
            }
        }
        BigInteger value;
        try {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                value = p.getBigIntegerValue();
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                value = p.getDecimalValue().toBigIntegerExact();
            } else if (t == JsonToken.VALUE_STRING) {
                value = new BigDecimal(p.getText().trim()).toBigIntegerExact();
            } else {
                throw error(p, "field " + field.jsonName + " must be an integer");
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw error(p, "field " + field.jsonName + " is not an integer: " + p.getText());
        }
        if (unsigned) {
            if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
                throw error(p, "field " + field.jsonName + " is out of range: " + value);
            }
        } else if (value.bitLength() > 63) {
            throw error(p, "field " + field.jsonName + " is out of range: " + value);
        }
        return value.longValue();
    }

    /** What {@link #parseDecimal} answers for anything but 1 to 19 plain digits that fit a positive long. */
    private static final long NOT_PLAIN = -1;

    /**
     * 1 to 19 ASCII digits that fit in a positive long (every nanosecond timestamp until the year 2262),
     * else {@link #NOT_PLAIN}: signs, exponents, spaces and larger values take the exact path.
     */
    private static long parseDecimal(char[] chars, int offset, int length) {
        if (length < 1 || length > 19) {
            return NOT_PLAIN;
        }
        long v = 0;
        int end = offset + Math.min(length, 18);
        for (int i = offset; i < end; i++) {
            int d = chars[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_PLAIN;
            }
            v = v * 10 + d; // 18 digits cannot overflow
        }
        if (length == 19) {
            int d = chars[offset + 18] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                return NOT_PLAIN;
            }
            v = v * 10 + d;
        }
        return v;
    }

    static double readDouble(JsonParser p, Field field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw error(p, "field " + field.jsonName + " is not a number: " + s);
                    }
            }
        }
        throw error(p, "field " + field.jsonName + " must be a number");
    }

    /** Hex from the parser's characters into a fresh array that the ByteString then owns (no copies). */
    private static ByteString hex(JsonParser p, Field field) throws IOException {
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        if ((length & 1) != 0) {
            throw error(p, "field " + field.jsonName + " must be hex with an even number of digits");
        }
        if (length == 0) {
            return ByteString.EMPTY;
        }
        byte[] out = new byte[length / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = hexDigit(chars[offset + 2 * i]);
            int lo = hexDigit(chars[offset + 2 * i + 1]);
            if ((hi | lo) < 0) {
                throw error(p, "field " + field.jsonName + " must be hex: " + p.getText());
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return UnsafeByteOperations.unsafeWrap(out);
    }

    /** The value of each ASCII hex digit, -1 for every other character below 128. */
    private static final byte[] HEX_VALUES = new byte[128];

    static {
        Arrays.fill(HEX_VALUES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX_VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX_VALUES['a' + i] = (byte) (10 + i);
            HEX_VALUES['A' + i] = (byte) (10 + i);
        }
    }

    private static int hexDigit(char c) {
        return c < 128 ? HEX_VALUES[c] : -1;
    }

    /** Standard or URL-safe base64, padded or not, as proto3 JSON allows. */
    private static ByteString base64(JsonParser p, Field field) throws IOException {
        String s = p.getText().trim().replace('-', '+').replace('_', '/');
        try {
            return UnsafeByteOperations.unsafeWrap(Base64.getDecoder().decode(s.endsWith("=") || s.length() % 4 == 0
                    ? s : s + "=".repeat(4 - s.length() % 4)));
        } catch (IllegalArgumentException e) {
            throw error(p, "field " + field.jsonName + " must be base64");
        }
    }

    private static OtlpJsonException error(JsonParser p, String message) {
        var loc = p.currentLocation();
        return new OtlpJsonException(message + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")");
    }
}
