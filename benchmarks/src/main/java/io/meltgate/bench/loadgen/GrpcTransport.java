package io.meltgate.bench.loadgen;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.meltgate.bench.RawBytesMarshaller;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** OTLP/gRPC, plaintext, over one or more HTTP/2 connections used in turn. */
public final class GrpcTransport implements OtlpTransport {

    private final Signal signal;
    private final MethodDescriptor<byte[], byte[]> method;
    private final ManagedChannel[] channels;
    private final Duration timeout;
    private final AtomicInteger next = new AtomicInteger();

    public GrpcTransport(String target, Signal signal, int connections, Duration timeout) {
        this.signal = signal;
        this.method = RawBytesMarshaller.exportMethod(signal);
        this.timeout = timeout;
        this.channels = new ManagedChannel[connections];
        for (int i = 0; i < connections; i++) {
            channels[i] = NettyChannelBuilder.forTarget(target).usePlaintext()
                    .maxInboundMessageSize(64 << 20).build();
        }
    }

    @Override
    public void send(byte[] body, Callback callback) {
        ManagedChannel channel = channels[Math.floorMod(next.getAndIncrement(), channels.length)];
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        ClientCalls.asyncUnaryCall(channel.newCall(method, options), body, new StreamObserver<>() {
            private byte[] response;

            @Override
            public void onNext(byte[] value) {
                response = value;
            }

            @Override
            public void onError(Throwable t) {
                Status status = Status.fromThrowable(t);
                boolean retryable = status.getCode() == Status.Code.UNAVAILABLE
                        || status.getCode() == Status.Code.RESOURCE_EXHAUSTED;
                callback.done(retryable ? Outcome.REFUSED : Outcome.FAILED, 0, status.getCode().name());
            }

            @Override
            public void onCompleted() {
                callback.done(Outcome.ACCEPTED, PartialSuccess.rejectedItems(signal, response), "OK");
            }
        });
    }

    @Override
    public void close() {
        for (ManagedChannel c : channels) {
            c.shutdown();
        }
        for (ManagedChannel c : channels) {
            try {
                if (!c.awaitTermination(5, TimeUnit.SECONDS)) {
                    c.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.shutdownNow();
            }
        }
    }
}
