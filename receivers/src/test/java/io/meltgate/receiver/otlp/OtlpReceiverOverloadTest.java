package io.meltgate.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meltgate.core.health.HealthStatus;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A ring of 8 slots behind a stalled exporter: concurrent senders on both transports get retryable refusals
 * (503 + Retry-After, UNAVAILABLE + RetryInfo) once the ring is full, never a hang; after the stall ends,
 * every item that was acknowledged is delivered, and nothing that was refused.
 */
class OtlpReceiverOverloadTest {

    private static final int SPANS_PER_REQUEST = 5;
    private static final int REQUESTS_PER_SENDER = 30;

    @Test
    void aFullRingRefusesRetryablyAndEveryAcknowledgedItemIsDeliveredAfterTheStall() throws Exception {
        try (ReceiverUnderTest gateway = ReceiverUnderTest.withPipelines(ReceiverUnderTest.both(), Set.of(Signal.TRACES), 8)) {
            RecordingConsumer exporter = gateway.out(Signal.TRACES);
            exporter.stall();
            byte[] body = new OtlpFixtures(3).traceRequest(SPANS_PER_REQUEST).toByteArray();
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            ExecutorService senders = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                done.add(senders.submit(() -> {
                    RawHttp http = new RawHttp();
                    for (int i = 0; i < REQUESTS_PER_SENDER; i++) {
                        HttpResponse<byte[]> r = http.post(gateway.httpBase() + "/v1/traces", "application/x-protobuf", null, body);
                        if (r.statusCode() == 200) {
                            acknowledged.addAndGet(SPANS_PER_REQUEST);
                        } else if (r.statusCode() == 503 && r.headers().firstValue("retry-after").orElse("").equals("1")) {
                            refused.incrementAndGet();
                        } else {
                            fail("unexpected answer " + r.statusCode());
                        }
                    }
                    return null;
                }));
                done.add(senders.submit(() -> {
                    try (RawGrpc grpc = new RawGrpc(gateway.grpcPort())) {
                        for (int i = 0; i < REQUESTS_PER_SENDER; i++) {
                            try {
                                grpc.call(Signal.TRACES, body, i % 2 == 0);
                                acknowledged.addAndGet(SPANS_PER_REQUEST);
                            } catch (StatusRuntimeException e) {
                                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
                                RetryInfo retry = StatusProto.fromThrowable(e).getDetails(0).unpack(RetryInfo.class);
                                assertEquals(1, retry.getRetryDelay().getSeconds());
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            senders.shutdown();
            assertTrue(refused.get() > 0, "a ring of 8 behind a stalled exporter refuses");
            assertTrue(acknowledged.get() > 0, "requests that found a slot were acknowledged");
            assertTrue(acknowledged.get() <= 9L * SPANS_PER_REQUEST,
                    "no more than the ring (and the one batch held by the stalled exporter) was acknowledged");
            assertTrue(gateway.healthReports.contains(HealthStatus.DEGRADED));
            assertTrue(gateway.metricsView("http").refusedCount(Signal.TRACES)
                    + gateway.metricsView("grpc").refusedCount(Signal.TRACES) == refused.get() * SPANS_PER_REQUEST);

            exporter.release();
            assertTrue(exporter.awaitItems(acknowledged.get(), Duration.ofSeconds(10)));
            // A refused request was never published: nothing beyond the acknowledged items arrives.
            Thread.sleep(200);
            assertEquals(acknowledged.get(), exporter.itemCount());

            RawHttp http = new RawHttp();
            assertEquals(200, http.post(gateway.httpBase() + "/v1/traces", "application/x-protobuf", null, body).statusCode(),
                    "after the stall, requests are accepted again");
            assertTrue(exporter.awaitItems(acknowledged.get() + SPANS_PER_REQUEST, Duration.ofSeconds(10)));
            assertEquals(HealthStatus.HEALTHY, gateway.healthReports.get(gateway.healthReports.size() - 1));
        }
    }
}
