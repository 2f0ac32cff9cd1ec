package io.meltgate.receiver.otlp.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meltgate.core.otlp.wire.ExportRequestDecoder;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes an export request (gRPC has already undone its gzip) and keeps a failure as a value instead of
 * throwing it: a marshaller that throws makes gRPC answer INTERNAL or UNKNOWN, while the OTLP specification
 * wants bad data answered INVALID_ARGUMENT (not retryable). Over-size messages, which gRPC detects while
 * this reads, keep gRPC's RESOURCE_EXHAUSTED.
 */
final class DecodingMarshaller<T extends Message> implements MethodDescriptor.Marshaller<DecodingMarshaller.Decoded<T>> {

    /** Either the request as {@link ExportRequestDecoder} read it, or the status to refuse it with. */
    record Decoded<T>(ExportRequestDecoder.Decoded<T> request, Status failure) {
    }

    /** Decodes a whole request body; {@link ExportRequestDecoder}'s methods. */
    @FunctionalInterface
    interface BodyDecoder<T> {
        ExportRequestDecoder.Decoded<T> decode(byte[] body) throws InvalidProtocolBufferException;
    }

    private final BodyDecoder<T> decoder;

    DecodingMarshaller(BodyDecoder<T> decoder) {
        this.decoder = decoder;
    }

    @Override
    public Decoded<T> parse(InputStream stream) {
        try (stream) {
            // The whole message is in memory anyway (gRPC has framed it); reading it into one array lets the
            // resource entries keep slices of it for the exporters.
            return new Decoded<>(decoder.decode(stream.readAllBytes()), null);
        } catch (StatusRuntimeException e) {
            return new Decoded<>(null, e.getStatus());
        } catch (InvalidProtocolBufferException e) {
            return new Decoded<>(null, Status.INVALID_ARGUMENT.withDescription("cannot decode the request: " + e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return new Decoded<>(null, Status.INVALID_ARGUMENT.withDescription("cannot read the request: " + e));
        }
    }

    @Override
    public InputStream stream(Decoded<T> value) {
        // Only the client side serializes requests; this server never does.
        throw new UnsupportedOperationException("requests are only decoded here");
    }
}
