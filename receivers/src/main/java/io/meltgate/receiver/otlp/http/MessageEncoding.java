package io.meltgate.receiver.otlp.http;

import com.google.protobuf.Message;
import io.meltgate.core.otlp.json.OtlpJson;
import java.util.Locale;

/** The two OTLP/HTTP body encodings, chosen by the request's Content-Type; the response uses the same. */
enum MessageEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    final String contentType;

    MessageEncoding(String contentType) {
        this.contentType = contentType;
    }

    /** The encoding a Content-Type names (parameters such as {@code charset} ignored), or null. */
    static MessageEncoding ofContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return switch (media) {
            case "application/x-protobuf" -> PROTOBUF;
            case "application/json" -> JSON;
            default -> null;
        };
    }

    byte[] encode(Message message) {
        return this == JSON ? OtlpJson.encode(message) : message.toByteArray();
    }
}
