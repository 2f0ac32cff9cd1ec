package io.meltgate.exporter.otlp;

import static io.meltgate.exporter.testing.ExporterHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.consumer.FanOutConsumer;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.health.HealthStatus;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.OtlpRecordingServer;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.exporter.testing.ExporterHarness;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpExporterTest {

    private final ExporterHarness h = new ExporterHarness();
    private final OtlpFixtures fixtures = new OtlpFixtures(21);
    private OtlpRecordingServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = OtlpRecordingServer.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    static OtlpExporterSettings settings(String endpoint, QueueSettings queue, RetrySettings retry) {
        OtlpExporterSettings d = new OtlpExporterFactory().defaultSettings();
        return new OtlpExporterSettings(endpoint, TlsClientSettings.plaintext(), Map.of("x-honeycomb-team", "k"),
                d.compression(), d.keepalive(), d.balancerName(), null, Duration.ofSeconds(2), queue, retry);
    }

    private Exporter exporter(String id, OtlpExporterSettings s) throws Exception {
        assertEquals(List.of(), s.validate());
        Exporter e = new OtlpExporterFactory().create(h.context(id), s, EnumSet.allOf(Signal.class));
        e.start();
        return e;
    }

    private SpanBatch spans(int n) {
        return SpanBatch.of(fixtures.traceRequest(n), RequestMetadata.EMPTY);
    }

    @Test
    void anOutageIsRiddenOutEveryItemArrivesOnceInOrderAndTheRetriesAreCounted() throws Exception {
        server.failWith(Status.UNAVAILABLE.withDescription("backend restarting"));
        Exporter exporter = exporter("otlp", settings(server.endpoint(), ExporterHarness.queue(1, 100, false),
                ExporterHarness.fastRetry()));
        List<ResourceSpans> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SpanBatch b = spans(4);
            sent.addAll(b.resourceSpans());
            exporter.consume(b);
        }
        assertTrue(eventually(Duration.ofSeconds(10), () -> h.counter("meltgate_exporter_retried_spans", "otlp") >= 12),
                "the exporter retried during the outage");
        assertEquals(HealthStatus.DEGRADED, h.status("otlp"));
        server.failWith(null);
        assertTrue(server.awaitSpans(120, Duration.ofSeconds(10)));
        exporter.shutdown();
        assertEquals(sent, server.spans(), "every span exactly once, in the order it was queued");
        assertEquals(120, h.counter("otelcol_exporter_sent_spans", "otlp"));
        assertEquals(0, h.counter("otelcol_exporter_send_failed_spans", "otlp"));
        assertEquals(HealthStatus.HEALTHY, h.status("otlp"));
    }

    @Test
    void aPermanentErrorDropsTheBatchAfterOneTryCountsItAndTheExporterGoesOn() throws Exception {
        Exporter exporter = exporter("otlp", settings(server.endpoint(), ExporterHarness.queue(1, 100, false),
                ExporterHarness.fastRetry()));
        server.failWith(Status.INVALID_ARGUMENT.withDescription("bad span"));
        exporter.consume(spans(5));
        assertTrue(eventually(Duration.ofSeconds(5), () -> h.counter("otelcol_exporter_send_failed_spans", "otlp") == 5));
        assertEquals(0, h.counter("meltgate_exporter_retried_spans", "otlp"), "never retried");
        server.failWith(null);
        exporter.consume(spans(3));
        assertTrue(server.awaitSpans(3, Duration.ofSeconds(5)));
        exporter.shutdown();
        assertEquals(3, server.spanCount());
        assertEquals(3, h.counter("otelcol_exporter_sent_spans", "otlp"));
        assertEquals(HealthStatus.HEALTHY, h.status("otlp"));
    }

    @Test
    void metricsAndLogsTravelToo() throws Exception {
        Exporter exporter = exporter("otlp", settings(server.endpoint(), QueueSettings.defaults(), ExporterHarness.fastRetry()));
        var metrics = io.meltgate.core.data.MetricBatch.of(fixtures.metricsRequest(20), RequestMetadata.EMPTY);
        var logs = io.meltgate.core.data.LogBatch.of(fixtures.logsRequest(7), RequestMetadata.EMPTY);
        exporter.consume(metrics);
        exporter.consume(logs);
        exporter.shutdown();
        assertEquals(metrics.itemCount(), server.pointCount());
        assertEquals(7, server.logCount());
        assertEquals(metrics.resourceMetrics(), server.metrics());
        assertEquals(logs.resourceLogs(), server.logs());
        assertEquals(7, h.counter("otelcol_exporter_sent_log_records", "otlp"));
    }

    @Test
    void fanOutWithOneDeadExporterTheLiveOneStillGetsEverything() throws Exception {
        // The live exporter waits for room (nothing of it may be lost); the dead one drops when its queue is full.
        Exporter live = exporter("otlp/live", settings(server.endpoint(), ExporterHarness.queue(2, 100, true),
                ExporterHarness.fastRetry()));
        Exporter dead = exporter("otlp/dead", settings("127.0.0.1:" + ExporterHarness.deadPort(),
                ExporterHarness.queue(2, 10, false), giveUpAfter(Duration.ofMillis(200))));
        Pipeline pipeline = new Pipeline(PipelineId.parse("traces"), 64, List.of(),
                FanOutConsumer.of(List.of(dead, live)), h.meters);
        pipeline.start();
        RingPublisher publisher = new RingPublisher(List.of(pipeline));
        int batches = 200;
        int published = 0;
        for (int i = 0; i < batches; i++) {
            SpanBatch b = spans(2);
            if (publishWithRetry(publisher, b)) {
                published += 2;
            }
        }
        assertEquals(batches * 2, published, "the ring never stays full: the dead exporter does not hold the pipeline");
        assertTrue(server.awaitSpans(published, Duration.ofSeconds(10)));
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(5)));
        live.shutdown();
        assertEquals(published, server.spanCount(), "the live backend got every span");
        double deadDropped = h.counter("otelcol_exporter_enqueue_failed_spans", "otlp/dead");
        assertTrue(deadDropped > 0, "the dead exporter's full queue dropped and counted");
        // Retrying (DEGRADED) or, once a batch exhausted max_elapsed_time, given up (UNHEALTHY): which one the
        // check sees depends on scheduling; never HEALTHY, since nothing it sent ever succeeded.
        HealthStatus deadHealth = h.status("otlp/dead");
        assertTrue(deadHealth == HealthStatus.DEGRADED || deadHealth == HealthStatus.UNHEALTHY, "dead exporter health: " + deadHealth);
        dead.shutdown();
        double deadFailed = h.counter("otelcol_exporter_send_failed_spans", "otlp/dead");
        assertEquals(published, deadDropped + deadFailed, "every span the dead exporter took is accounted for");
    }

    private static RetrySettings giveUpAfter(Duration maxElapsed) {
        return new RetrySettings(true, Duration.ofMillis(20), Duration.ofMillis(50), maxElapsed, 1.5, 0.5);
    }

    @Test
    void aSlowBackendWithBlockOnOverflowFillsTheRingSoReceiversRefuseRetryablyAndNothingIsLost() throws Exception {
        SlowBackendRun run = slowBackendRun(true);
        assertTrue(run.refusals > 0, "the ring filled behind the blocked exporter and publishing was refused");
        assertTrue(run.lastRefusal.isRetryable(), "refusals are retryable");
        assertEquals(run.accepted, server.spanCount(), "every accepted span was delivered");
        assertEquals(0, h.counter("otelcol_exporter_enqueue_failed_spans", "otlp"));
        assertEquals(0, h.counter("otelcol_exporter_send_failed_spans", "otlp"));
    }

    @Test
    void aSlowBackendWithoutBlockOnOverflowDropsAndCountsExactly() throws Exception {
        SlowBackendRun run = slowBackendRun(false);
        assertEquals(300, run.accepted, "with the backend still down, every publish was taken in the end: "
                + "the exporter drops instead of holding the pipeline");
        double dropped = h.counter("otelcol_exporter_enqueue_failed_spans", "otlp");
        assertTrue(dropped > 0);
        assertEquals(run.accepted, server.spanCount() + (long) dropped, "delivered + counted drops = accepted");
        assertEquals(server.spanCount(), h.counter("otelcol_exporter_sent_spans", "otlp"));
    }

    private static final class SlowBackendRun {
        long accepted;
        int refusals;
        ConsumeException lastRefusal;
    }

    /**
     * A backend that is unavailable for a while (each try waits for the back-off: a slow backend) behind a
     * pipeline with a ring of 8 and an exporter queue of 4 with one consumer; 100 publishes as a receiver
     * makes them (retrying refusals when the
     * exporter does not block, to show the ring keeps draining), then the backend recovers and everything is drained.
     */
    private SlowBackendRun slowBackendRun(boolean block) throws Exception {
        server.failWith(Status.UNAVAILABLE);
        Exporter exporter = exporter("otlp", settings(server.endpoint(), ExporterHarness.queue(1, 4, block),
                ExporterHarness.fastRetry()));
        Pipeline pipeline = new Pipeline(PipelineId.parse("traces"), 8, List.of(), exporter, h.meters);
        pipeline.start();
        RingPublisher publisher = new RingPublisher(List.of(pipeline));
        SlowBackendRun run = new SlowBackendRun();
        for (int i = 0; i < 100; i++) {
            SpanBatch b = spans(3);
            if (!block) {
                // A client retrying its refused request, as an SDK does; bounded so the test cannot hang.
                if (publishWithRetry(publisher, b)) {
                    run.accepted += 3;
                }
                continue;
            }
            try {
                publisher.consume(b);
                run.accepted += 3;
            } catch (ConsumeException e) {
                run.refusals++;
                run.lastRefusal = e;
            }
            if (i == 50) {
                Thread.sleep(100);
            }
        }
        server.failWith(null);
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(10)));
        exporter.shutdown();
        return run;
    }

    /** A receiver's client retries a refused request; bounded here so the test cannot hang. */
    private static boolean publishWithRetry(RingPublisher publisher, SpanBatch b) throws InterruptedException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            try {
                publisher.consume(b);
                return true;
            } catch (ConsumeException e) {
                Thread.sleep(1);
            }
        }
        return false;
    }
}
