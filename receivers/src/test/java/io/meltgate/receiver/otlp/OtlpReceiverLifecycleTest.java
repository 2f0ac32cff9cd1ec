package io.meltgate.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Port 0 gives real ports; shutdown answers what is in progress, then stops accepting and frees the ports. */
class OtlpReceiverLifecycleTest {

    @Test
    void endpointsReportTheRealPortsAndShutdownReleasesThem() throws Exception {
        ReceiverUnderTest g = ReceiverUnderTest.withPipelines(ReceiverUnderTest.both());
        InetSocketAddress grpc = g.address("grpc");
        InetSocketAddress http = g.address("http");
        assertNotEquals(0, grpc.getPort());
        assertNotEquals(0, http.getPort());
        assertEquals(2, g.receiver.endpoints().size());
        g.close();
        assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", http.getPort()).close());
        for (InetSocketAddress a : new InetSocketAddress[] {grpc, http}) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress("127.0.0.1", a.getPort()));
            }
        }
    }

    @Test
    void aPortAlreadyTakenFailsTheStartWithTheBindError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            OtlpHttpSettings d = ReceiverUnderTest.http(null);
            OtlpHttpSettings onTaken = new OtlpHttpSettings("127.0.0.1:" + taken.getLocalPort(), null, null, 0, false,
                    java.util.Map.of(), d.idleTimeout(), null, null, null);
            OtlpReceiver r = new OtlpReceiver(new io.meltgate.core.component.ComponentContext(
                    io.meltgate.core.component.ComponentId.of("otlp"), io.meltgate.core.component.ComponentKind.RECEIVER,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), io.meltgate.core.health.HealthReporter.NONE),
                    new OtlpReceiverSettings(new OtlpReceiverSettings.Protocols(ReceiverUnderTest.grpc(null), onTaken)),
                    java.util.Map.of(Signal.TRACES, batch -> { }));
            Exception e = assertThrows(Exception.class, r::start);
            assertTrue(e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException, e.toString());
        }
    }

    @Test
    void everyRequestAcknowledgedBeforeShutdownIsDelivered() throws Exception {
        ReceiverUnderTest g = ReceiverUnderTest.withPipelines(ReceiverUnderTest.both());
        byte[] body = new OtlpFixtures(4).traceRequest(4).toByteArray();
        AtomicLong acknowledged = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        Future<?> httpSender = senders.submit(() -> {
            RawHttp http = new RawHttp();
            for (int i = 0; i < 100_000; i++) {
                try {
                    HttpResponse<byte[]> r = http.post(g.httpBase() + "/v1/traces", "application/x-protobuf", null, body);
                    if (r.statusCode() == 200) {
                        acknowledged.addAndGet(4);
                    }
                } catch (java.io.IOException e) {
                    return null; // the receiver stopped
                }
            }
            return null;
        });
        Future<?> grpcSender = senders.submit(() -> {
            try (RawGrpc grpc = new RawGrpc(g.grpcPort())) {
                for (int i = 0; i < 100_000; i++) {
                    try {
                        grpc.call(Signal.TRACES, body, false);
                        acknowledged.addAndGet(4);
                    } catch (io.grpc.StatusRuntimeException e) {
                        return null; // the receiver stopped
                    }
                }
            }
            return null;
        });
        assertTrue(g.out(Signal.TRACES).awaitItems(200, Duration.ofSeconds(10)), "traffic is flowing");
        g.receiver.shutdown();
        httpSender.get(30, TimeUnit.SECONDS);
        grpcSender.get(30, TimeUnit.SECONDS);
        senders.shutdown();
        g.close(); // drains the pipelines
        long delivered = g.out(Signal.TRACES).itemCount();
        assertTrue(delivered >= acknowledged.get(), "every acknowledged item was delivered: " + delivered
                + " of " + acknowledged.get());
        // At most the one request per sender whose answer the stop cut off may arrive unacknowledged.
        assertTrue(delivered - acknowledged.get() <= 8, "nothing was published twice: " + delivered);
    }
}
