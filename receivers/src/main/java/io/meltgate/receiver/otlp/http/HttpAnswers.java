package io.meltgate.receiver.otlp.http;

import com.google.protobuf.Message;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Builds the receiver's HTTP answers. Every error carries a {@code google.rpc.Status} body, as the OTLP/HTTP
 * specification asks, in the request's encoding (protobuf when the request's own was not understood).
 */
final class HttpAnswers {

    private HttpAnswers() {
    }

    static FullHttpResponse message(HttpResponseStatus status, Message body, MessageEncoding encoding) {
        byte[] bytes = encoding.encode(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, encoding.contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    static FullHttpResponse error(HttpResponseStatus status, String message, MessageEncoding encoding) {
        com.google.rpc.Status body = com.google.rpc.Status.newBuilder()
                .setCode(grpcCode(status))
                .setMessage(message)
                .build();
        return message(status, body, encoding == null ? MessageEncoding.PROTOBUF : encoding);
    }

    static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return r;
    }

    /** The gRPC code the Collector puts in a Status for an HTTP status (grpc-gateway's mapping). */
    private static int grpcCode(HttpResponseStatus status) {
        return switch (status.code()) {
            case 400 -> com.google.rpc.Code.INVALID_ARGUMENT_VALUE;
            case 404 -> com.google.rpc.Code.NOT_FOUND_VALUE;
            case 405, 415 -> com.google.rpc.Code.UNIMPLEMENTED_VALUE;
            case 413, 429 -> com.google.rpc.Code.RESOURCE_EXHAUSTED_VALUE;
            case 503 -> com.google.rpc.Code.UNAVAILABLE_VALUE;
            default -> com.google.rpc.Code.UNKNOWN_VALUE;
        };
    }
}
