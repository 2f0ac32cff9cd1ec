package io.meltgate.receiver.otlp.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.meltgate.core.data.RequestMetadata;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures, per call, what the batch will carry as {@link RequestMetadata}: the client's address, and with
 * {@code include_metadata} the call's metadata (text keys only; {@code -bin} keys are binary and skipped).
 */
final class GrpcRequestMetadata implements ServerInterceptor {

    private static final Context.Key<RequestMetadata> KEY = Context.key("meltgate-request-metadata");

    private final boolean includeMetadata;

    GrpcRequestMetadata(boolean includeMetadata) {
        this.includeMetadata = includeMetadata;
    }

    /** The metadata of the call this thread is serving. */
    static RequestMetadata current() {
        RequestMetadata m = KEY.get();
        return m == null ? RequestMetadata.EMPTY : m;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String client = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        RequestMetadata metadata = new RequestMetadata(client, includeMetadata ? copy(headers) : Map.of());
        return Contexts.interceptCall(Context.current().withValue(KEY, metadata), call, headers, next);
    }

    private static Map<String, List<String>> copy(Metadata headers) {
        Map<String, List<String>> out = new HashMap<>();
        for (String key : headers.keys()) {
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                continue;
            }
            Iterable<String> values = headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
            if (values != null) {
                List<String> list = new java.util.ArrayList<>();
                values.forEach(list::add);
                out.put(key, List.copyOf(list));
            }
        }
        return out;
    }
}
