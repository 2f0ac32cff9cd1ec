package io.meltgate.receiver.otlp;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.meltgate.core.signal.Signal;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** A gRPC client that sends arbitrary bytes as an OTLP Export request, to reach the server with bad data. */
final class RawGrpc implements AutoCloseable {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private final ManagedChannel channel;

    RawGrpc(int port) {
        this(port, null);
    }

    /** With a "gzip" compressor of the test's own (for example one that sends corrupt gzip streams). */
    RawGrpc(int port, io.grpc.Compressor gzip) {
        NettyChannelBuilder b = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024);
        if (gzip != null) {
            io.grpc.CompressorRegistry registry = io.grpc.CompressorRegistry.newEmptyInstance();
            registry.register(gzip);
            b.compressorRegistry(registry);
        }
        this.channel = b.build();
    }

    static MethodDescriptor<byte[], byte[]> export(Signal signal) {
        String name = switch (signal) {
            case TRACES -> TraceServiceGrpc.getExportMethod().getFullMethodName();
            case METRICS -> MetricsServiceGrpc.getExportMethod().getFullMethodName();
            case LOGS -> LogsServiceGrpc.getExportMethod().getFullMethodName();
        };
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(name).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }

    /** Sends; returns the response bytes or throws the call's StatusRuntimeException. */
    byte[] call(Signal signal, byte[] request, boolean gzip) {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (gzip) {
            options = options.withCompression("gzip");
        }
        return ClientCalls.blockingUnaryCall(channel, export(signal), options, request);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
