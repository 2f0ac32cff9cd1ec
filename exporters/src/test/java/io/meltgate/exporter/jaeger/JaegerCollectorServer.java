package io.meltgate.exporter.jaeger;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.meltgate.exporter.jaeger.proto.PostSpansRequest;
import io.meltgate.exporter.jaeger.proto.PostSpansResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Jaeger collector's gRPC api_v2 endpoint for tests, built from the same protos: records every PostSpans
 * request, or fails with a given status.
 */
final class JaegerCollectorServer implements AutoCloseable {

    private final Server server;
    private final List<PostSpansRequest> requests = new ArrayList<>();
    private final AtomicReference<Status> failWith = new AtomicReference<>();
    private int failures;

    JaegerCollectorServer() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder(JaegerGrpc.SERVICE_NAME)
                .addMethod(JaegerGrpc.POST_SPANS, ServerCalls.asyncUnaryCall((request, response) -> {
                    Status s = failWith.get();
                    if (s != null) {
                        synchronized (this) {
                            failures++;
                        }
                        response.onError(s.asRuntimeException());
                        return;
                    }
                    synchronized (this) {
                        requests.add(request);
                    }
                    response.onNext(PostSpansResponse.getDefaultInstance());
                    response.onCompleted();
                }))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
    }

    String endpoint() {
        return "127.0.0.1:" + server.getPort();
    }

    void failWith(Status s) {
        failWith.set(s);
    }

    synchronized List<PostSpansRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized int failures() {
        return failures;
    }

    synchronized int spanCount() {
        return requests.stream().mapToInt(r -> r.getBatch().getSpansCount()).sum();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
