package io.meltgate.receiver.otlp.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Gathers a request body up to {@code max_request_body_size}; a larger one (by Content-Length or as it
 * streams in) is answered 413 with a {@code google.rpc.Status} body, and the connection is closed, since the
 * rest of the body would otherwise have to be read and thrown away. The close waits a moment while the rest is
 * discarded: closing a socket with unread data in it resets the connection, and a reset can reach the client
 * before it has read the 413, which it then never sees.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

    /** How long the rest of an oversized body is read and discarded before the connection is closed. */
    private static final long CLOSE_DELAY_MILLIS = 500;

    private final int limit;

    BodyLimitAggregator(int limit) {
        super(limit);
        this.limit = limit;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse r = HttpAnswers.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "the request body exceeds max_request_body_size (" + limit + " bytes)",
                MessageEncoding.ofContentType(oversized.headers().get(HttpHeaderNames.CONTENT_TYPE)));
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess() && f.channel() instanceof SocketChannel s) {
                s.shutdownOutput(); // the client sees the end of the answer, and may stop sending
            }
            ctx.executor().schedule(() -> ctx.close(), CLOSE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
