package io.meltgate.exporter.grpcclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meltgate.core.delivery.SendException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GrpcErrorsTest {

    private static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.CANCELLED, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.ABORTED, Status.Code.OUT_OF_RANGE, Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
    void everyStatusIsClassifiedAsTheOtlpSpecificationSays(Status.Code code) {
        SendException e = GrpcErrors.classify("export", code.toStatus().withDescription("x").asRuntimeException());
        assertEquals(RETRYABLE.contains(code), e.isRetryable(), code.name());
        assertTrue(e.retryAfter().isEmpty());
        assertTrue(e.getMessage().contains(code.name()));
    }

    @Test
    void resourceExhaustedWithRetryInfoIsRetryableAfterItsDelay() {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.RESOURCE_EXHAUSTED.value()).setMessage("slow down")
                .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(
                        com.google.protobuf.Duration.newBuilder().setSeconds(2).setNanos(500_000_000)).build()))
                .build();
        StatusRuntimeException sre = StatusProto.toStatusRuntimeException(status);
        SendException e = GrpcErrors.classify("export", sre);
        assertTrue(e.isRetryable());
        assertEquals(Duration.ofMillis(2500), e.retryAfter().orElseThrow());
    }

    @Test
    void unavailableWithRetryInfoCarriesTheDelay() {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder().setCode(Status.Code.UNAVAILABLE.value())
                .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(
                        com.google.protobuf.Duration.newBuilder().setSeconds(1)).build()))
                .build();
        SendException e = GrpcErrors.classify("export", StatusProto.toStatusRuntimeException(status));
        assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
    }

    @Test
    void endpointsAreReadAsTheCollectorReadsThem() {
        assertEquals(new GrpcEndpoint("collector", 4317, false), GrpcEndpoint.parse("collector:4317"));
        assertEquals(new GrpcEndpoint("collector", 4317, true), GrpcEndpoint.parse("http://collector:4317"));
        assertEquals(new GrpcEndpoint("api.honeycomb.io", 443, false), GrpcEndpoint.parse("https://api.honeycomb.io"));
        assertEquals(new GrpcEndpoint("::1", 4317, false), GrpcEndpoint.parse("[::1]:4317"));
        assertEquals("dns:///[::1]:4317", GrpcEndpoint.parse("[::1]:4317").target());
        assertThrows(IllegalArgumentException.class, () -> GrpcEndpoint.parse("collector"));
        assertThrows(IllegalArgumentException.class, () -> GrpcEndpoint.parse("collector:99999"));
        assertFalse(new GrpcClientSettings("collector", null, null, "snappy", null, "random", null).validate().isEmpty());
        assertEquals(2, new GrpcClientSettings("collector", null, null, "snappy", null, "pick_first", null)
                .validate().size(), "bad endpoint and bad compression");
    }
}
