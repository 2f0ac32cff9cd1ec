package io.meltgate.bench.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.meltgate.bench.RawBytesMarshaller;
import io.meltgate.core.signal.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP backend that only counts: OTLP/gRPC on one port and, on a second port, OTLP/HTTP
 * ({@code POST /v1/traces|metrics|logs}, protobuf bodies) and {@code GET /count}, which answers with the
 * counts so far as JSON ({@link SinkCounts#toJson()}). Every request is answered with success (an empty
 * export response); items are counted by walking the wire format ({@link OtlpItemCounter}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.meltgate.bench.sink.OtlpSink --grpc-port 0 --http-port 0</pre>
 *
 * It prints one JSON line with the bound ports on start, and, with {@code --report-every 5s}, the counts
 * periodically.
 */
public final class OtlpSink implements AutoCloseable {

    private static final byte[] EMPTY_RESPONSE = new byte[0];

    private final SinkCounts counts = new SinkCounts();
    private final Server grpc;
    private final HttpServer http;

    public OtlpSink(String host, int grpcPort, int httpPort) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, grpcPort))
                .directExecutor() // counting is cheap: answer on the event loop, no hand-off
                .maxInboundMessageSize(64 << 20);
        for (Signal signal : Signal.values()) {
            builder.addService(countingService(signal));
        }
        this.grpc = builder.build().start();
        this.http = HttpServer.create(new InetSocketAddress(host, httpPort), 64);
        http.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sink-http");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/count", this::serveCount);
        for (Signal signal : Signal.values()) {
            http.createContext("/v1/" + signal.yamlName(), exchange -> serveOtlpHttp(signal, exchange));
        }
        http.start();
    }

    private ServerServiceDefinition countingService(Signal signal) {
        var method = RawBytesMarshaller.exportMethod(signal);
        return ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall((request, response) -> {
                    if (counts.record(signal, request) < 0) {
                        response.onError(Status.INVALID_ARGUMENT.withDescription("malformed export request")
                                .asRuntimeException());
                        return;
                    }
                    response.onNext(EMPTY_RESPONSE);
                    response.onCompleted();
                }))
                .build();
    }

    private void serveCount(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = (counts.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void serveOtlpHttp(Signal signal, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            boolean ok = counts.record(signal, request) >= 0;
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(ok ? 200 : 400, -1);
        }
    }

    public SinkCounts counts() {
        return counts;
    }

    public int grpcPort() {
        return grpc.getPort();
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() throws InterruptedException {
        http.stop(0);
        grpc.shutdown();
        if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
            grpc.shutdownNow();
        }
    }

    public static void main(String[] args) throws Exception {
        SinkCommandLine cli = SinkCommandLine.parse(args, "OtlpSink", "grpc-port", 4317);
        OtlpSink sink = new OtlpSink(cli.host(), cli.port(), cli.httpPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sink.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sink-stop"));
        cli.announceAndReport("grpc_port", sink.grpcPort(), sink.httpPort(), sink::counts);
    }
}
