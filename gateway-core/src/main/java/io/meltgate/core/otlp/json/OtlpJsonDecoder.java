package io.meltgate.core.otlp.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
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
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw error(p, "the body must be a JSON object");
        }
        readObject(p, builder, 0);
        if (p.nextToken() != null) {
            throw error(p, "unexpected content after the JSON object");
        }
    }

    /** The parser stands on START_OBJECT; returns standing on the matching END_OBJECT. */
    private static void readObject(JsonParser p, Message.Builder builder, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error(p, "messages nested deeper than " + MAX_DEPTH);
        }
        FieldTable fields = FieldTable.of(builder.getDescriptorForType());
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            FieldDescriptor field = fields.field(key);
            if (field == null || field.isMapField() || value == JsonToken.VALUE_NULL) {
                p.skipChildren();
                continue;
            }
            if (field.isRepeated()) {
                if (value != JsonToken.START_ARRAY) {
                    throw error(p, "field " + key + " must be an array");
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    Object element = readValue(p, builder, field, depth);
                    if (element != null) {
                        builder.addRepeatedField(field, element);
                    }
                }
            } else {
                Object v = readValue(p, builder, field, depth);
                if (v != null) {
                    builder.setField(field, v);
                }
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw error(p, "malformed object");
        }
    }

    /** Reads the value the parser stands on; null for a value to ignore (an {@code Any} we cannot resolve). */
    private static Object readValue(JsonParser p, Message.Builder parent, FieldDescriptor field, int depth)
            throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            throw error(p, "null inside the array " + field.getJsonName());
        }
        switch (field.getJavaType()) {
            case MESSAGE -> {
                if (t != JsonToken.START_OBJECT) {
                    throw error(p, "field " + field.getJsonName() + " must be an object");
                }
                if (field.getMessageType().getFullName().equals(Any.getDescriptor().getFullName())) {
                    p.skipChildren();
                    return null;
                }
                Message.Builder child = parent.newBuilderForField(field);
                readObject(p, child, depth + 1);
                return child.build();
            }
            case INT -> {
                long v = readInteger(p, field);
                if (FieldTable.isUnsigned(field) ? (v < 0 || v > 0xFFFF_FFFFL) : (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                    throw error(p, "field " + field.getJsonName() + " is out of range for 32 bits");
                }
                return (int) v;
            }
            case LONG -> {
                return readInteger(p, field);
            }
            case DOUBLE -> {
                return readDouble(p, field);
            }
            case FLOAT -> {
                return (float) readDouble(p, field);
            }
            case BOOLEAN -> {
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    return t == JsonToken.VALUE_TRUE;
                }
                if (t == JsonToken.VALUE_STRING && ("true".equals(p.getText()) || "false".equals(p.getText()))) {
                    return Boolean.parseBoolean(p.getText());
                }
                throw error(p, "field " + field.getJsonName() + " must be true or false");
            }
            case STRING -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw error(p, "field " + field.getJsonName() + " must be a string");
                }
                return p.getText();
            }
            case BYTE_STRING -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw error(p, "field " + field.getJsonName() + " must be a string");
                }
                return FieldTable.isHexId(field) ? hex(p, field) : base64(p, field);
            }
            case ENUM -> {
                return readEnum(p, field);
            }
            default -> throw error(p, "unsupported field " + field.getJsonName());
        }
    }

    /**
     * A 64-bit (or 32-bit) integer as a JSON number or a decimal string; unsigned fields take the full
     * unsigned range (returned as the same bits in a signed long, as protobuf-java holds them).
     */
    private static long readInteger(JsonParser p, FieldDescriptor field) throws IOException {
        JsonToken t = p.currentToken();
        BigInteger value;
        try {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                value = p.getBigIntegerValue();
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                value = p.getDecimalValue().toBigIntegerExact();
            } else if (t == JsonToken.VALUE_STRING) {
                value = new BigDecimal(p.getText().trim()).toBigIntegerExact();
            } else {
                throw error(p, "field " + field.getJsonName() + " must be an integer");
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw error(p, "field " + field.getJsonName() + " is not an integer: " + p.getText());
        }
        if (FieldTable.isUnsigned(field)) {
            if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
                throw error(p, "field " + field.getJsonName() + " is out of range: " + value);
            }
        } else if (value.bitLength() > 63) {
            throw error(p, "field " + field.getJsonName() + " is out of range: " + value);
        }
        return value.longValue();
    }

    private static double readDouble(JsonParser p, FieldDescriptor field) throws IOException {
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
                        throw error(p, "field " + field.getJsonName() + " is not a number: " + s);
                    }
            }
        }
        throw error(p, "field " + field.getJsonName() + " must be a number");
    }

    private static EnumValueDescriptor readEnum(JsonParser p, FieldDescriptor field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            long n = p.getLongValue();
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw error(p, "field " + field.getJsonName() + " is out of range");
            }
            // OTLP enums are open (proto3): an unknown number is kept, as the binary decoder keeps it.
            return field.getEnumType().findValueByNumberCreatingIfUnknown((int) n);
        }
        if (t == JsonToken.VALUE_STRING) {
            EnumValueDescriptor v = field.getEnumType().findValueByName(p.getText());
            if (v == null) {
                throw error(p, "field " + field.getJsonName() + " has an unknown value: " + p.getText());
            }
            return v;
        }
        throw error(p, "field " + field.getJsonName() + " must be an enum number or name");
    }

    private static ByteString hex(JsonParser p, FieldDescriptor field) throws IOException {
        String s = p.getText();
        if ((s.length() & 1) != 0) {
            throw error(p, "field " + field.getJsonName() + " must be hex with an even number of digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw error(p, "field " + field.getJsonName() + " must be hex: " + s);
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return ByteString.copyFrom(out);
    }

    /** Standard or URL-safe base64, padded or not, as proto3 JSON allows. */
    private static ByteString base64(JsonParser p, FieldDescriptor field) throws IOException {
        String s = p.getText().trim().replace('-', '+').replace('_', '/');
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(s.endsWith("=") || s.length() % 4 == 0
                    ? s : s + "=".repeat(4 - s.length() % 4)));
        } catch (IllegalArgumentException e) {
            throw error(p, "field " + field.getJsonName() + " must be base64");
        }
    }

    private static OtlpJsonException error(JsonParser p, String message) {
        var loc = p.currentLocation();
        return new OtlpJsonException(message + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")");
    }
}
