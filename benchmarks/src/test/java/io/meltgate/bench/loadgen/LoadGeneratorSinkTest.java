package io.meltgate.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.bench.sink.OtlpSink;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpRecordingServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The load generator against the sink over loopback: what the generator counts as accepted is exactly what
 * the sink counts, per signal and protocol. Bounded by a request count, not by time.
 */
class LoadGeneratorSinkTest {

    private static LoadOptions options(String target, LoadOptions.Protocol protocol, Signal signal, int requests) {
        return new LoadOptions(target, protocol, signal, 50, 0, 4, Duration.ofSeconds(30), requests,
                Duration.ofSeconds(10), 1, 4, 1, Duration.ZERO, 0);
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void everyAcceptedItemOverGrpcIsCountedByTheSink(Signal signal) throws Exception {
        try (OtlpSink sink = new OtlpSink("127.0.0.1", 0, 0)) {
            LoadSummary summary = LoadGenerator.run(
                    options("127.0.0.1:" + sink.grpcPort(), LoadOptions.Protocol.GRPC, signal, 40));
            assertEquals(40, summary.requestsSent());
            assertEquals(40, summary.requestsAccepted());
            assertEquals(40 * 50, summary.itemsAccepted());
            assertEquals(summary.itemsAccepted(), sink.counts().items(signal));
            assertEquals(40, sink.counts().requests(signal));
            assertEquals(40, summary.statuses().get("OK"));
            assertTrue(summary.p99Micros() >= summary.p50Micros() && summary.p50Micros() > 0);
            assertTrue(summary.toJson().contains("\"items_accepted\":2000"), summary.toJson());
        }
    }

    @Test
    void warmUpIsSentButKeptOutOfTheNumbersAndTheTargetCpuIsRead() throws Exception {
        try (OtlpSink sink = new OtlpSink("127.0.0.1", 0, 0)) {
            LoadOptions options = new LoadOptions("127.0.0.1:" + sink.grpcPort(), LoadOptions.Protocol.GRPC,
                    Signal.TRACES, 20, 0, 2, Duration.ofSeconds(30), 15, Duration.ofSeconds(10), 1, 4, 1,
                    Duration.ofMillis(300), ProcessHandle.current().pid());
            LoadSummary summary = LoadGenerator.run(options);
            assertEquals(15, summary.requestsAccepted());
            assertEquals(300, summary.itemsAccepted());
            assertTrue(summary.warmupItemsAccepted() > 0, "the warm-up sent nothing");
            assertEquals(summary.warmupItemsAccepted() + summary.itemsAccepted(), sink.counts().items(Signal.TRACES));
            assertTrue(summary.targetCpuSeconds() >= 0, "CPU of this very process could not be read");
            assertTrue(summary.toJson().contains("\"warmup_items_accepted\":" + summary.warmupItemsAccepted()));
        }
    }

    @Test
    void everyAcceptedItemOverHttpIsCountedAndServedOnCount() throws Exception {
        try (OtlpSink sink = new OtlpSink("127.0.0.1", 0, 0)) {
            LoadSummary summary = LoadGenerator.run(
                    options("127.0.0.1:" + sink.httpPort(), LoadOptions.Protocol.HTTP, Signal.LOGS, 30));
            assertEquals(30 * 50, summary.itemsAccepted());
            assertEquals(1500, sink.counts().items(Signal.LOGS));
            String count = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.httpPort() + "/count")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(count.contains("\"log_records\":1500"), count);
            assertTrue(count.contains("\"spans\":0"), count);
        }
    }

    @Test
    void retryableRefusalsAreCountedAsRefusedNotAccepted() throws Exception {
        try (OtlpRecordingServer backend = OtlpRecordingServer.start()) {
            backend.failWith(io.grpc.Status.UNAVAILABLE);
            LoadSummary summary = LoadGenerator.run(
                    options("127.0.0.1:" + backend.port(), LoadOptions.Protocol.GRPC, Signal.TRACES, 10));
            assertEquals(0, summary.itemsAccepted());
            assertEquals(10, summary.requestsRefused());
            assertEquals(500, summary.itemsRefused());
            assertEquals(10, summary.statuses().get("UNAVAILABLE"));
        }
    }

    @Test
    void aTargetThatIsNotThereEndsTheRunWithFailuresWithinItsBounds() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        LoadSummary summary = LoadGenerator.run(
                options("127.0.0.1:" + closedPort, LoadOptions.Protocol.HTTP, Signal.METRICS, 5));
        assertEquals(0, summary.itemsAccepted());
        assertEquals(5, summary.requestsFailed());
    }
}
