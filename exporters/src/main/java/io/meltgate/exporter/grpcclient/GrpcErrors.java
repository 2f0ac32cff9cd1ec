package io.meltgate.exporter.grpcclient;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meltgate.core.delivery.SendException;
import java.time.Duration;

/**
 * Classifies a failed gRPC call as the OTLP specification says: CANCELLED, DEADLINE_EXCEEDED, ABORTED,
 * OUT_OF_RANGE, UNAVAILABLE and DATA_LOSS are retryable; RESOURCE_EXHAUSTED is retryable only when the server
 * attached a {@code google.rpc.RetryInfo} (whose delay is then honoured); everything else is permanent.
 */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    public static SendException classify(String what, StatusRuntimeException e) {
        Status status = e.getStatus();
        Duration retryAfter = retryDelay(e);
        String message = what + " failed: " + status.getCode()
                + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return switch (status.getCode()) {
            case CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS ->
                    SendException.retryable(message, e, retryAfter);
            case RESOURCE_EXHAUSTED -> retryAfter != null
                    ? SendException.retryable(message, e, retryAfter)
                    : SendException.permanent(message + " (no RetryInfo: not retryable)", e);
            default -> SendException.permanent(message, e);
        };
    }

    /** The delay of the RetryInfo detail of the error's {@code grpc-status-details-bin}, or null. */
    static Duration retryDelay(StatusRuntimeException e) {
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        if (details == null) {
            return null;
        }
        for (Any any : details.getDetailsList()) {
            if (any.is(RetryInfo.class)) {
                try {
                    com.google.protobuf.Duration d = any.unpack(RetryInfo.class).getRetryDelay();
                    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
                } catch (InvalidProtocolBufferException ex) {
                    return null;
                }
            }
        }
        return null;
    }
}
