package io.meltgate.bench;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Passes gRPC messages through as the bytes they are on the wire, so neither the load generator nor the sink
 * pays for protobuf objects it does not need.
 */
public final class RawBytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {

    public static final RawBytesMarshaller INSTANCE = new RawBytesMarshaller();

    private RawBytesMarshaller() {
    }

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

    /** The unary OTLP Export method of a signal's service, with raw bytes in and out. */
    public static MethodDescriptor<byte[], byte[]> exportMethod(io.meltgate.core.signal.Signal signal) {
        String service = switch (signal) {
            case TRACES -> "opentelemetry.proto.collector.trace.v1.TraceService";
            case METRICS -> "opentelemetry.proto.collector.metrics.v1.MetricsService";
            case LOGS -> "opentelemetry.proto.collector.logs.v1.LogsService";
        };
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
                .setRequestMarshaller(INSTANCE)
                .setResponseMarshaller(INSTANCE)
                .build();
    }
}
