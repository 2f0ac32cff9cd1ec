package io.meltgate.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.otlp.json.OtlpJson;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure the OTLP specification names, on both transports, each answered with the right status and
 * body; after each, the next good request is served. Traces and logs have pipelines, metrics has none.
 */
class OtlpReceiverFailureTest {

    private static final int HTTP_LIMIT = 64 * 1024;
    private static final OtlpFixtures FIXTURES = new OtlpFixtures(5);
    private static final byte[] GOOD = FIXTURES.traceRequest(10).toByteArray();

    private static ReceiverUnderTest gateway;
    private static final RecordingConsumer traces = new RecordingConsumer();
    private static final RecordingConsumer logs = new RecordingConsumer();
    private static RawGrpc grpc;
    private final RawHttp http = new RawHttp();

    @BeforeAll
    static void start() throws Exception {
        Map<Signal, BatchConsumer> next = new EnumMap<>(Signal.class);
        next.put(Signal.TRACES, traces);
        next.put(Signal.LOGS, logs);
        gateway = ReceiverUnderTest.withConsumers(new OtlpReceiverSettings(new OtlpReceiverSettings.Protocols(
                ReceiverUnderTest.grpcWithMaxMib(1), ReceiverUnderTest.http(null, HTTP_LIMIT, null))), next);
        grpc = new RawGrpc(gateway.grpcPort());
    }

    @AfterAll
    static void stop() throws Exception {
        grpc.close();
        gateway.close();
    }

    @AfterEach
    void acceptAgain() {
        traces.refuseWith(null);
    }

    /** A request whose spans are all invalid (trace id of 3 bytes) but otherwise well formed. */
    private static byte[] invalidIds() {
        ExportTraceServiceRequest.Builder b = FIXTURES.traceRequest(4).toBuilder();
        b.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilder(0).setTraceId(ByteString.copyFrom(new byte[3]));
        b.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilder(1).setSpanId(ByteString.copyFrom(new byte[8]));
        return b.build().toByteArray();
    }

    record HttpCase(String name, String method, String path, String contentType, String encoding, byte[] body,
                    Consumer<RecordingConsumer> setup, int status, Code code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> httpCases() throws Exception {
        byte[] tooBig = new byte[HTTP_LIMIT + 1];
        byte[] bomb = RawHttp.gzip(new byte[HTTP_LIMIT * 16]);
        String badHex = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\"}]}]}]}";
        return Stream.of(
                new HttpCase("unknown path", "POST", "/v1/other", "application/x-protobuf", null, GOOD, c -> { }, 404, Code.NOT_FOUND),
                new HttpCase("signal without pipeline", "POST", "/v1/metrics", "application/x-protobuf", null, GOOD, c -> { }, 404, Code.NOT_FOUND),
                new HttpCase("GET", "GET", "/v1/traces", "application/x-protobuf", null, null, c -> { }, 405, Code.UNIMPLEMENTED),
                new HttpCase("PUT", "PUT", "/v1/traces", "application/x-protobuf", null, GOOD, c -> { }, 405, Code.UNIMPLEMENTED),
                new HttpCase("text/plain", "POST", "/v1/traces", "text/plain", null, GOOD, c -> { }, 415, Code.UNIMPLEMENTED),
                new HttpCase("bad protobuf", "POST", "/v1/traces", "application/x-protobuf", null,
                        new byte[] {0x0a, (byte) 0xff, 0x01, 0x02}, c -> { }, 400, Code.INVALID_ARGUMENT),
                new HttpCase("bad JSON", "POST", "/v1/traces", "application/json", null,
                        "{\"resourceSpans\":[".getBytes(StandardCharsets.UTF_8), c -> { }, 400, Code.INVALID_ARGUMENT),
                new HttpCase("JSON id not hex", "POST", "/v1/traces", "application/json", null,
                        badHex.getBytes(StandardCharsets.UTF_8), c -> { }, 400, Code.INVALID_ARGUMENT),
                new HttpCase("corrupt gzip", "POST", "/v1/traces", "application/x-protobuf", "gzip",
                        new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7}, c -> { }, 400, Code.INVALID_ARGUMENT),
                new HttpCase("unsupported encoding", "POST", "/v1/traces", "application/x-protobuf", "br", GOOD,
                        c -> { }, 400, Code.INVALID_ARGUMENT),
                new HttpCase("body too large", "POST", "/v1/traces", "application/x-protobuf", null, tooBig,
                        c -> { }, 413, Code.RESOURCE_EXHAUSTED),
                new HttpCase("gzip bomb", "POST", "/v1/traces", "application/json", "gzip", bomb,
                        c -> { }, 413, Code.RESOURCE_EXHAUSTED),
                new HttpCase("pipelines full", "POST", "/v1/traces", "application/x-protobuf", null, GOOD,
                        c -> c.refuseWith(ConsumeException.retryable("ring full", Duration.ofSeconds(3))), 503, Code.UNAVAILABLE),
                new HttpCase("pipelines full, JSON", "POST", "/v1/traces", "application/json", null,
                        OtlpJson.encode(FIXTURES.traceRequest(2)),
                        c -> c.refuseWith(ConsumeException.retryable("ring full", Duration.ofMillis(1500))), 503, Code.UNAVAILABLE),
                new HttpCase("permanent refusal", "POST", "/v1/traces", "application/x-protobuf", null, GOOD,
                        c -> c.refuseWith(ConsumeException.permanent("never")), 400, Code.INVALID_ARGUMENT)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @MethodSource("httpCases")
    void httpFailuresAreAnsweredAsTheSpecificationSaysAndTheNextRequestIsServed(HttpCase c) throws Exception {
        c.setup().accept(traces);
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Content-Type", c.contentType());
        if (c.encoding() != null) {
            headers.put("Content-Encoding", c.encoding());
        }
        HttpResponse<byte[]> r = http.send(c.method(), gateway.httpBase() + c.path(), headers, c.body());
        assertEquals(c.status(), r.statusCode(), c.name());
        boolean json = "application/json".equals(c.contentType());
        assertEquals(json ? "application/json" : "application/x-protobuf",
                r.headers().firstValue("content-type").orElse(""), "the error body's encoding");
        com.google.rpc.Status status = json
                ? OtlpJson.merge(r.body(), com.google.rpc.Status.newBuilder()).build()
                : com.google.rpc.Status.parseFrom(r.body());
        assertEquals(c.code().getNumber(), status.getCode(), c.name() + ": " + status);
        assertFalse(status.getMessage().isBlank(), "the Status says why");
        if (c.status() == 503) {
            String expected = c.name().contains("JSON") ? "2" : "3";
            assertEquals(expected, r.headers().firstValue("retry-after").orElse(""), "Retry-After in whole seconds, rounded up");
        }
        if (c.status() == 405) {
            assertEquals("POST", r.headers().firstValue("allow").orElse(""));
        }
        traces.refuseWith(null);
        long before = traces.itemCount();
        HttpResponse<byte[]> next = http.post(gateway.httpBase() + "/v1/traces", "application/x-protobuf", null, GOOD);
        assertEquals(200, next.statusCode(), "the next good request is served");
        assertEquals(before + 10, traces.itemCount());
        assertEquals(ExportTraceServiceResponse.getDefaultInstance(), ExportTraceServiceResponse.parseFrom(next.body()));
    }

    @Test
    void httpRejectsInvalidItemsWithPartialSuccessAndPassesTheRest() throws Exception {
        long before = traces.itemCount();
        HttpResponse<byte[]> r = http.post(gateway.httpBase() + "/v1/traces", "application/x-protobuf", null, invalidIds());
        assertEquals(200, r.statusCode());
        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(r.body());
        assertEquals(2, response.getPartialSuccess().getRejectedSpans());
        assertFalse(response.getPartialSuccess().getErrorMessage().isBlank());
        assertEquals(before + 2, traces.itemCount(), "the two valid spans went on");
        for (var b : traces.batches()) {
            for (var rs : ((io.meltgate.core.data.SpanBatch) b).resourceSpans()) {
                for (var ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        assertEquals(16, s.getTraceId().size());
                    }
                }
            }
        }
    }

    @Test
    void grpcSignalWithoutPipelineIsUnimplemented() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> grpc.call(Signal.METRICS, FIXTURES.metricsRequest(3).toByteArray(), false));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertGoodGrpcRequestServed();
    }

    @Test
    void grpcTooLargeIsResourceExhausted() {
        byte[] big = FIXTURES.traceRequest(8000).toByteArray();
        assertTrue(big.length > 1024 * 1024, "the request exceeds max_recv_msg_size_mib 1");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> grpc.call(Signal.TRACES, big, false));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        StatusRuntimeException gz = assertThrows(StatusRuntimeException.class, () -> grpc.call(Signal.TRACES, big, true));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, gz.getStatus().getCode(), "the limit holds after gzip too");
        assertGoodGrpcRequestServed();
    }

    @Test
    void grpcBadDataIsInvalidArgument() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> grpc.call(Signal.TRACES, new byte[] {0x0a, (byte) 0xff, 0x01, 0x02}, false));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        StatusRuntimeException gz = assertThrows(StatusRuntimeException.class,
                () -> grpc.call(Signal.LOGS, new byte[] {0x12, 0x05, 1}, true));
        assertEquals(Status.Code.INVALID_ARGUMENT, gz.getStatus().getCode());
        assertGoodGrpcRequestServed();
    }

    @Test
    void grpcOverloadIsUnavailableWithRetryInfo() {
        traces.refuseWith(ConsumeException.retryable("ring full", Duration.ofSeconds(3)));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> grpc.call(Signal.TRACES, GOOD, false));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        assertEquals(1, details.getDetailsCount());
        try {
            RetryInfo retry = details.getDetails(0).unpack(RetryInfo.class);
            assertEquals(3, retry.getRetryDelay().getSeconds());
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
        assertTrue(gateway.healthReports.contains(io.meltgate.core.health.HealthStatus.DEGRADED));
        traces.refuseWith(null);
        assertGoodGrpcRequestServed();
        assertEquals(io.meltgate.core.health.HealthStatus.HEALTHY,
                gateway.healthReports.get(gateway.healthReports.size() - 1), "healthy again once accepting");
    }

    @Test
    void grpcPermanentRefusalIsInvalidArgument() {
        traces.refuseWith(ConsumeException.permanent("never"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> grpc.call(Signal.TRACES, GOOD, false));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        traces.refuseWith(null);
        assertGoodGrpcRequestServed();
    }

    @Test
    void grpcRejectsInvalidItemsWithPartialSuccess() throws Exception {
        ExportTraceServiceResponse r = ExportTraceServiceResponse.parseFrom(grpc.call(Signal.TRACES, invalidIds(), false));
        assertEquals(2, r.getPartialSuccess().getRejectedSpans());
        assertTrue(gateway.metricsView("grpc").refusedCount(Signal.TRACES) >= 2);
    }

    private static void assertGoodGrpcRequestServed() {
        long before = traces.itemCount();
        try {
            assertEquals(ExportTraceServiceResponse.getDefaultInstance(),
                    ExportTraceServiceResponse.parseFrom(grpc.call(Signal.TRACES, GOOD, false)));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        assertEquals(before + 10, traces.itemCount());
    }
}
