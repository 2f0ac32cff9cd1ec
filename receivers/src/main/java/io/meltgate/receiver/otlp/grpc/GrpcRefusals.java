package io.meltgate.receiver.otlp.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meltgate.receiver.otlp.ExportOutcome;

/**
 * The gRPC words for a refused export, as the OTLP specification's "Failures" and "Throttling" sections
 * say: a retryable refusal is {@code UNAVAILABLE} with a {@code google.rpc.RetryInfo} detail holding the delay
 * the sender should wait; a permanent one is {@code INVALID_ARGUMENT} (not retryable, the data is dropped).
 */
final class GrpcRefusals {

    private GrpcRefusals() {
    }

    static StatusRuntimeException of(ExportOutcome outcome) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setMessage(outcome.message());
        if (outcome.kind() == ExportOutcome.Kind.RETRYABLE) {
            java.time.Duration delay = outcome.retryAfter();
            status.setCode(Code.UNAVAILABLE_VALUE).addDetails(Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(delay.getSeconds()).setNanos(delay.getNano()))
                    .build()));
        } else {
            status.setCode(Code.INVALID_ARGUMENT_VALUE);
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
