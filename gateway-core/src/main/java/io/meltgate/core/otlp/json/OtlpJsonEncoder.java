package io.meltgate.core.otlp.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TypeRegistry;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes any protobuf message as OTLP/JSON: lowerCamelCase keys, default values left out, trace and span ids
 * as lower-case hex, other bytes as base64, enums as integers (the specification says so), 64-bit integers
 * as decimal strings (proto3 JSON), NaN and infinities as strings. {@code google.protobuf.Any} (the details
 * of a {@code google.rpc.Status}) is written with its {@code @type} and fields when the registry knows the
 * type, else as {@code @type} and base64 {@code value}.
 */
final class OtlpJsonEncoder {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final TypeRegistry registry;

    OtlpJsonEncoder(TypeRegistry registry) {
        this.registry = registry;
    }

    void writeMessage(JsonGenerator g, MessageOrBuilder message) throws IOException {
        g.writeStartObject();
        if (message.getDescriptorForType().getFullName().equals(Any.getDescriptor().getFullName())) {
            writeAnyBody(g, message);
        } else {
            writeFields(g, message);
        }
        g.writeEndObject();
    }

    private void writeFields(JsonGenerator g, MessageOrBuilder message) throws IOException {
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor field = e.getKey();
            g.writeFieldName(field.getJsonName());
            if (field.isRepeated()) {
                g.writeStartArray();
                for (Object element : (List<?>) e.getValue()) {
                    writeValue(g, field, element);
                }
                g.writeEndArray();
            } else {
                writeValue(g, field, e.getValue());
            }
        }
    }

    private void writeAnyBody(JsonGenerator g, MessageOrBuilder any) throws IOException {
        Descriptor anyType = any.getDescriptorForType();
        String typeUrl = (String) any.getField(anyType.findFieldByName("type_url"));
        ByteString value = (ByteString) any.getField(anyType.findFieldByName("value"));
        g.writeStringField("@type", typeUrl);
        Descriptor type = null;
        try {
            type = registry.getDescriptorForTypeUrl(typeUrl);
        } catch (InvalidProtocolBufferException ignored) {
            // Not a well-formed type URL: written opaquely below.
        }
        if (type == null) {
            g.writeStringField("value", Base64.getEncoder().encodeToString(value.toByteArray()));
            return;
        }
        writeFields(g, DynamicMessage.parseFrom(type, value));
    }

    private void writeValue(JsonGenerator g, FieldDescriptor field, Object value) throws IOException {
        switch (field.getJavaType()) {
            case MESSAGE -> writeMessage(g, (MessageOrBuilder) value);
            case INT -> {
                int v = (Integer) value;
                if (FieldTable.isUnsigned(field)) {
                    g.writeNumber(Integer.toUnsignedLong(v));
                } else {
                    g.writeNumber(v);
                }
            }
            case LONG -> {
                long v = (Long) value;
                g.writeString(FieldTable.isUnsigned(field) ? Long.toUnsignedString(v) : Long.toString(v));
            }
            case DOUBLE -> writeDouble(g, (Double) value);
            case FLOAT -> writeDouble(g, (Float) value);
            case BOOLEAN -> g.writeBoolean((Boolean) value);
            case STRING -> g.writeString((String) value);
            case BYTE_STRING -> {
                ByteString bytes = (ByteString) value;
                g.writeString(FieldTable.isHexId(field) ? hex(bytes) : Base64.getEncoder().encodeToString(bytes.toByteArray()));
            }
            case ENUM -> g.writeNumber(((EnumValueDescriptor) value).getNumber());
            default -> throw new IOException("unsupported field " + field.getFullName());
        }
    }

    private static void writeDouble(JsonGenerator g, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeString("NaN");
        } else if (Double.isInfinite(v)) {
            g.writeString(v > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(v);
        }
    }

    static String hex(ByteString bytes) {
        char[] out = new char[bytes.size() * 2];
        for (int i = 0; i < bytes.size(); i++) {
            int b = bytes.byteAt(i) & 0xFF;
            out[2 * i] = HEX[b >>> 4];
            out[2 * i + 1] = HEX[b & 0xF];
        }
        return new String(out);
    }
}
