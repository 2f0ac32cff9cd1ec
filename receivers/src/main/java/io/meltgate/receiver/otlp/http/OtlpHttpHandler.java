package io.meltgate.receiver.otlp.http;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.otlp.wire.ExportRequestDecoder;
import io.meltgate.core.otlp.json.OtlpJson;
import io.meltgate.core.otlp.json.OtlpJsonException;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.telemetry.ReceiverMetrics;
import io.meltgate.receiver.otlp.ExportOutcome;
import io.meltgate.receiver.otlp.OtlpHttpSettings;
import io.meltgate.receiver.otlp.OtlpIngest;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves one whole OTLP/HTTP request on the connection's event loop: route by path, check method, content
 * type and encoding, decompress, decode once, hand to {@link OtlpIngest}, answer in the request's encoding.
 * The answers follow the OTLP/HTTP specification: 200 with the export response (and {@code partialSuccess}),
 * 400 bad data, 404 unknown path (or a signal no pipeline takes, as in the Collector), 405 not POST, 413 too
 * large, 415 neither protobuf nor JSON, 503 with {@code Retry-After} when the pipelines are full. Errors
 * carry a {@code google.rpc.Status}. Shared by every connection: it holds no per-request state.
 */
@ChannelHandler.Sharable
final class OtlpHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final OtlpHttpSettings settings;
    private final OtlpIngest ingest;
    private final ReceiverMetrics metrics;
    private final CorsPolicy cors;

    OtlpHttpHandler(OtlpHttpSettings settings, OtlpIngest ingest, ReceiverMetrics metrics) {
        this.settings = settings;
        this.ingest = ingest;
        this.metrics = metrics;
        this.cors = CorsPolicy.of(settings.cors());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        FullHttpResponse response = answer(ctx, request);
        if (cors != null && origin != null && !CorsPolicy.isPreflight(request.method().name(), request.headers())) {
            cors.decorate(origin, response);
        }
        settings.responseHeaders().forEach((k, v) -> response.headers().set(k, v));
        if (keepAlive) {
            if (!request.protocolVersion().isKeepAliveDefault()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return HttpAnswers.error(HttpResponseStatus.BAD_REQUEST,
                    "malformed HTTP request: " + request.decoderResult().cause(), null);
        }
        if (cors != null && CorsPolicy.isPreflight(request.method().name(), request.headers())) {
            return cors.preflight(request.headers());
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        Signal signal = route(path);
        if (signal == null || !ingest.serves(signal)) {
            return HttpAnswers.error(HttpResponseStatus.NOT_FOUND, "404 page not found: " + path, null);
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse r = HttpAnswers.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " method not allowed, supported: [POST]", null);
            r.headers().set(HttpHeaderNames.ALLOW, "POST");
            return r;
        }
        MessageEncoding encoding = MessageEncoding.ofContentType(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        if (encoding == null) {
            return HttpAnswers.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "415 unsupported media type \""
                    + request.headers().get(HttpHeaderNames.CONTENT_TYPE)
                    + "\", supported: [application/json, application/x-protobuf]", null);
        }
        byte[] body;
        try {
            body = RequestBodies.decode(request.content(), request.headers().get(HttpHeaderNames.CONTENT_ENCODING),
                    settings.maxRequestBodyBytes());
        } catch (RequestBodies.BodyTooLargeException e) {
            return HttpAnswers.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), encoding);
        } catch (RequestBodies.CorruptBodyException | RequestBodies.UnsupportedEncodingException e) {
            return HttpAnswers.error(HttpResponseStatus.BAD_REQUEST, e.getMessage(), encoding);
        }
        RequestMetadata metadata = metadata(ctx, request);
        try {
            return switch (signal) {
                case TRACES -> traces(body, encoding, metadata);
                case METRICS -> metrics(body, encoding, metadata);
                case LOGS -> logs(body, encoding, metadata);
            };
        } catch (InvalidProtocolBufferException | OtlpJsonException e) {
            return HttpAnswers.error(HttpResponseStatus.BAD_REQUEST, "cannot decode the "
                    + (encoding == MessageEncoding.JSON ? "JSON" : "protobuf") + " body: " + e.getMessage(), encoding);
        } catch (RuntimeException e) {
            // A body protobuf's parser chokes on in an unexpected way is still the sender's bad data.
            return HttpAnswers.error(HttpResponseStatus.BAD_REQUEST, "cannot decode the body: " + e, encoding);
        }
    }

    private Signal route(String path) {
        if (path.equals(settings.tracesUrlPath())) {
            return Signal.TRACES;
        }
        if (path.equals(settings.metricsUrlPath())) {
            return Signal.METRICS;
        }
        if (path.equals(settings.logsUrlPath())) {
            return Signal.LOGS;
        }
        return null;
    }

    private FullHttpResponse traces(byte[] body, MessageEncoding encoding, RequestMetadata metadata)
            throws InvalidProtocolBufferException, OtlpJsonException {
        ExportOutcome o;
        if (encoding == MessageEncoding.JSON) {
            o = ingest.traces(OtlpJson.decodeTraceRequest(body), metadata, metrics);
        } else {
            o = ingest.traces(ExportRequestDecoder.traces(body), metadata, metrics);
        }
        if (o.kind() != ExportOutcome.Kind.ACCEPTED) {
            return refusal(o, encoding);
        }
        ExportTraceServiceResponse.Builder r = ExportTraceServiceResponse.newBuilder();
        if (o.isPartial()) {
            r.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(o.rejectedItems())
                    .setErrorMessage(o.message()));
        }
        return HttpAnswers.message(HttpResponseStatus.OK, r.build(), encoding);
    }

    private FullHttpResponse metrics(byte[] body, MessageEncoding encoding, RequestMetadata metadata)
            throws InvalidProtocolBufferException, OtlpJsonException {
        ExportOutcome o;
        if (encoding == MessageEncoding.JSON) {
            o = ingest.metrics(OtlpJson.decodeMetricsRequest(body), metadata, metrics);
        } else {
            o = ingest.metrics(ExportRequestDecoder.metrics(body), metadata, metrics);
        }
        if (o.kind() != ExportOutcome.Kind.ACCEPTED) {
            return refusal(o, encoding);
        }
        ExportMetricsServiceResponse.Builder r = ExportMetricsServiceResponse.newBuilder();
        if (o.isPartial()) {
            r.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(o.rejectedItems())
                    .setErrorMessage(o.message()));
        }
        return HttpAnswers.message(HttpResponseStatus.OK, r.build(), encoding);
    }

    private FullHttpResponse logs(byte[] body, MessageEncoding encoding, RequestMetadata metadata)
            throws InvalidProtocolBufferException, OtlpJsonException {
        ExportOutcome o;
        if (encoding == MessageEncoding.JSON) {
            o = ingest.logs(OtlpJson.decodeLogsRequest(body), metadata, metrics);
        } else {
            o = ingest.logs(ExportRequestDecoder.logs(body), metadata, metrics);
        }
        if (o.kind() != ExportOutcome.Kind.ACCEPTED) {
            return refusal(o, encoding);
        }
        ExportLogsServiceResponse.Builder r = ExportLogsServiceResponse.newBuilder();
        if (o.isPartial()) {
            r.setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(o.rejectedItems())
                    .setErrorMessage(o.message()));
        }
        return HttpAnswers.message(HttpResponseStatus.OK, r.build(), encoding);
    }

    /** 503 with Retry-After (whole seconds, at least 1) for a retryable refusal; 400 for a permanent one. */
    private static FullHttpResponse refusal(ExportOutcome o, MessageEncoding encoding) {
        if (o.kind() == ExportOutcome.Kind.RETRYABLE) {
            FullHttpResponse r = HttpAnswers.error(HttpResponseStatus.SERVICE_UNAVAILABLE, o.message(), encoding);
            long seconds = Math.max(1, (o.retryAfter().toMillis() + 999) / 1000);
            r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
            return r;
        }
        return HttpAnswers.error(HttpResponseStatus.BAD_REQUEST, o.message(), encoding);
    }

    private RequestMetadata metadata(ChannelHandlerContext ctx, FullHttpRequest request) {
        String client = ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
        if (!settings.includeMetadata()) {
            return new RequestMetadata(client, Map.of());
        }
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : request.headers().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(request.headers().getAll(name)));
        }
        return new RequestMetadata(client, headers);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset connection or a TLS failure: nothing to answer on this connection.
        ctx.close();
    }
}
