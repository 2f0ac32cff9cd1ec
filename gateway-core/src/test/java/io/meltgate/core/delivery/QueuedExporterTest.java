package io.meltgate.core.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.health.HealthRegistry;
import io.meltgate.core.health.HealthStatus;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueuedExporterTest {

    private static final ComponentId ID = ComponentId.parse("otlp/test");
    private static final RetrySettings FAST_RETRY =
            new RetrySettings(true, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5), 1.5, 0.5);

    private final OtlpFixtures fixtures = new OtlpFixtures(11);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HealthRegistry health = new HealthRegistry();
    private final ComponentContext context =
            new ComponentContext(ID, ComponentKind.EXPORTER, meters, health.register(ComponentKind.EXPORTER, ID));

    private SpanBatch spans(int n) {
        return SpanBatch.of(fixtures.traceRequest(n), RequestMetadata.EMPTY);
    }

    private static QueueSettings queue(int consumers, int size, boolean block) {
        return new QueueSettings(true, consumers, size, block, "requests", null, null, false);
    }

    private double counter(String name) {
        return meters.get(name).tag("exporter", "otlp/test").counter().count();
    }

    private HealthStatus status() {
        return health.snapshot().get("exporter:otlp/test").status();
    }

    private static SendException unavailable() {
        return SendException.retryable("UNAVAILABLE", null);
    }

    @Test
    void retriesRetryableErrorsAndDeliversEveryBatchOnceInOrderWithOneConsumer() throws Exception {
        ScriptedSender sender = new ScriptedSender().times(4, unavailable());
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(queue(1, 100, false))
                .retry(FAST_RETRY).build();
        List<Batch> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SpanBatch b = spans(3);
            sent.add(b);
            exporter.consume(b);
        }
        exporter.start();
        exporter.shutdown();
        assertEquals(sent, sender.delivered(), "every batch exactly once, in queue order");
        assertEquals(24, sender.tries().size(), "20 batches plus 4 retries");
        assertEquals(60, counter("otelcol_exporter_sent_spans"));
        assertEquals(12, counter("meltgate_exporter_retried_spans"), "4 retried tries of 3 spans");
        assertEquals(0, counter("otelcol_exporter_send_failed_spans"));
        assertEquals(HealthStatus.HEALTHY, status(), "healthy again after the retries succeeded");
        assertTrue(sender.shutdownCalled);
    }

    @Test
    void healthIsDegradedWhileRetryingAndUnhealthyAfterGivingUp() throws Exception {
        RetrySettings shortLived =
                new RetrySettings(true, Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(150), 1, 0);
        ScriptedSender sender = new ScriptedSender().times(1000, unavailable());
        sender.closeGate();
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(queue(1, 10, false))
                .retry(shortLived).build();
        exporter.start();
        exporter.consume(spans(5));
        sender.open(2);
        assertTrue(sender.awaitEntered(Duration.ofSeconds(5)));
        assertTrue(sender.awaitEntered(Duration.ofSeconds(5)), "a second try follows the first");
        assertEquals(HealthStatus.DEGRADED, status());
        sender.openForever();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (counter("otelcol_exporter_send_failed_spans") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(5, counter("otelcol_exporter_send_failed_spans"), "given up after max_elapsed_time");
        assertEquals(HealthStatus.UNHEALTHY, status());
        int tries = sender.tries().size();
        assertTrue(tries >= 3 && tries <= 9, "about 150ms / 20ms tries, got " + tries);
        exporter.shutdown();
    }

    @Test
    void healthyAgainOnTheNextSuccess() throws Exception {
        RetrySettings noRetry = new RetrySettings(false, Duration.ofMillis(5), Duration.ofMillis(5), Duration.ZERO, 1, 0);
        ScriptedSender sender = new ScriptedSender().then(unavailable());
        QueuedExporter exporter = QueuedExporter.builder(context, sender)
                .queue(new QueueSettings(false, 1, 1, false, "requests", null, null, false)).retry(noRetry).build();
        exporter.start();
        exporter.consume(spans(4));
        assertEquals(HealthStatus.UNHEALTHY, status(), "retry disabled: a retryable error gives up at once");
        assertEquals(4, counter("otelcol_exporter_send_failed_spans"));
        exporter.consume(spans(1));
        assertEquals(HealthStatus.HEALTHY, status());
        exporter.shutdown();
    }

    @Test
    void permanentErrorsAreDroppedAfterOneTryAndCounted() throws Exception {
        ScriptedSender sender = new ScriptedSender().then(SendException.permanent("INVALID_ARGUMENT", null));
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(queue(1, 10, false))
                .retry(FAST_RETRY).build();
        exporter.start();
        SpanBatch bad = spans(7);
        SpanBatch good = spans(2);
        exporter.consume(bad);
        exporter.consume(good);
        exporter.shutdown();
        assertEquals(List.of(bad, good), sender.tries(), "the rejected batch was tried once, the next went on");
        assertEquals(7, counter("otelcol_exporter_send_failed_spans"));
        assertEquals(2, counter("otelcol_exporter_sent_spans"));
        assertEquals(0, counter("meltgate_exporter_retried_spans"));
    }

    @Test
    void partialSuccessRejectionsAreCountedAsSendFailed() throws Exception {
        ScriptedSender sender = new ScriptedSender().then(SendResult.partial(3, "3 spans had no name"));
        QueuedExporter exporter = QueuedExporter.builder(context, sender)
                .queue(new QueueSettings(false, 1, 1, false, "requests", null, null, false)).build();
        exporter.start();
        exporter.consume(spans(10));
        exporter.shutdown();
        assertEquals(7, counter("otelcol_exporter_sent_spans"));
        assertEquals(3, counter("otelcol_exporter_send_failed_spans"));
    }

    @Test
    void retryAfterFromTheBackendIsHonouredInsteadOfTheBackoff() throws Exception {
        ScriptedSender sender = new ScriptedSender()
                .then(SendException.retryable("RESOURCE_EXHAUSTED", null, Duration.ofMillis(300)));
        QueuedExporter exporter = QueuedExporter.builder(context, sender)
                .queue(new QueueSettings(false, 1, 1, false, "requests", null, null, false)).retry(FAST_RETRY).build();
        exporter.start();
        exporter.consume(spans(1));
        exporter.shutdown();
        List<Long> times = sender.tryTimes();
        assertEquals(2, times.size());
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(times.get(1) - times.get(0));
        assertTrue(gapMillis >= 300, "waited the 300ms the backend asked for, not the 5ms back-off: " + gapMillis);
    }

    @Test
    void aFullQueueDropsAndCountsExactlyWhatDidNotFit() throws Exception {
        ScriptedSender sender = new ScriptedSender();
        sender.closeGate();
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(queue(1, 2, false))
                .retry(FAST_RETRY).build();
        exporter.start();
        exporter.consume(spans(3));
        assertTrue(sender.awaitEntered(Duration.ofSeconds(5)), "the only consumer holds the first batch");
        for (int i = 0; i < 9; i++) {
            exporter.consume(spans(3)); // never blocks: two fit in the queue, seven are dropped
        }
        assertEquals(21, counter("otelcol_exporter_enqueue_failed_spans"));
        assertEquals(2, meters.get("otelcol_exporter_queue_size").tag("data_type", "traces").gauge().value(),
                "two requests queued (sizer: requests)");
        sender.openForever();
        exporter.shutdown();
        assertEquals(9, counter("otelcol_exporter_sent_spans"), "the one in flight and the two queued");
    }

    @Test
    void blockOnOverflowMakesTheCallerWaitForRoomAndLosesNothing() throws Exception {
        ScriptedSender sender = new ScriptedSender();
        sender.closeGate();
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(queue(1, 1, true))
                .retry(FAST_RETRY).build();
        exporter.start();
        exporter.consume(spans(1));
        assertTrue(sender.awaitEntered(Duration.ofSeconds(5)));
        exporter.consume(spans(1)); // fills the queue
        CountDownLatch thirdDone = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                exporter.consume(spans(1));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            thirdDone.countDown();
        });
        producer.start();
        assertFalse(thirdDone.await(200, TimeUnit.MILLISECONDS), "the caller waits while the queue is full");
        sender.openForever();
        assertTrue(thirdDone.await(5, TimeUnit.SECONDS), "and goes on once there is room");
        exporter.shutdown();
        assertEquals(3, sender.delivered().size());
        assertEquals(0, counter("otelcol_exporter_enqueue_failed_spans"));
    }

    @Test
    void queueBatchingMergesUpToMinSizeAndFlushesTheRestAfterTheTimeout() throws Exception {
        ScriptedSender sender = new ScriptedSender();
        QueueSettings batching = new QueueSettings(true, 1, 100, false, "requests",
                new QueueBatchSettings(Duration.ofMillis(100), 10, 0, "items"), null, false);
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(batching).retry(FAST_RETRY).build();
        List<SpanBatch> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SpanBatch b = spans(4);
            sent.add(b);
            exporter.consume(b);
        }
        exporter.start();
        assertTrue(awaitTries(sender, 2));
        exporter.shutdown();
        List<Batch> got = sender.delivered();
        assertEquals(List.of(12, 8), got.stream().map(Batch::itemCount).toList());
        List<Object> expected = new ArrayList<>();
        sent.forEach(b -> expected.addAll(b.resourceSpans()));
        List<Object> actual = new ArrayList<>();
        got.forEach(b -> actual.addAll(((SpanBatch) b).resourceSpans()));
        assertEquals(expected, actual, "resources, scopes and spans kept, in order");
    }

    @Test
    void queueBatchingSplitsAboveMaxSizeKeepingResourceAndScope() throws Exception {
        ScriptedSender sender = new ScriptedSender();
        QueueSettings batching = new QueueSettings(true, 1, 100, false, "requests",
                new QueueBatchSettings(Duration.ofMillis(50), 1, 5, "items"), null, false);
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(batching).retry(FAST_RETRY).build();
        SpanBatch big = spans(12);
        exporter.consume(big);
        exporter.start();
        assertTrue(awaitTries(sender, 3));
        exporter.shutdown();
        List<Batch> got = sender.delivered();
        assertEquals(List.of(5, 5, 2), got.stream().map(Batch::itemCount).toList());
        List<Object> spansOut = new ArrayList<>();
        for (Batch b : got) {
            for (var rs : ((SpanBatch) b).resourceSpans()) {
                assertEquals(big.resourceSpans().get(0).getResource(), rs.getResource());
                for (var ss : rs.getScopeSpansList()) {
                    assertEquals(big.resourceSpans().get(0).getScopeSpans(0).getScope(), ss.getScope());
                    spansOut.addAll(ss.getSpansList());
                }
            }
        }
        List<Object> spansIn = new ArrayList<>();
        big.resourceSpans().forEach(rs -> rs.getScopeSpansList().forEach(ss -> spansIn.addAll(ss.getSpansList())));
        assertEquals(spansIn, spansOut);
    }

    @Test
    void queueBatchingNeverMergesAcrossSignalsOrReorders() throws Exception {
        ScriptedSender sender = new ScriptedSender();
        QueueSettings batching = new QueueSettings(true, 1, 100, false, "requests",
                new QueueBatchSettings(Duration.ofMillis(50), 100, 0, "items"), null, false);
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(batching).retry(FAST_RETRY).build();
        exporter.consume(spans(2));
        exporter.consume(LogBatch.of(fixtures.logsRequest(3), RequestMetadata.EMPTY));
        exporter.consume(spans(2));
        exporter.start();
        assertTrue(awaitTries(sender, 3));
        exporter.shutdown();
        assertEquals(List.of(Signal.TRACES, Signal.LOGS, Signal.TRACES),
                sender.delivered().stream().map(Batch::signal).toList());
    }

    @Test
    void shutdownDeliversWhatIsQueuedWithRetries() throws Exception {
        ScriptedSender sender = new ScriptedSender().times(3, unavailable());
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(queue(2, 100, false))
                .retry(FAST_RETRY).build();
        for (int i = 0; i < 10; i++) {
            exporter.consume(spans(1));
        }
        exporter.start();
        exporter.shutdown();
        assertEquals(10, sender.delivered().size());
        assertEquals(10, counter("otelcol_exporter_sent_spans"));
        exporter.consume(spans(1));
        assertEquals(1, counter("otelcol_exporter_enqueue_failed_spans"), "a stopped exporter takes nothing");
    }

    @Test
    void shutdownAgainstADeadBackendEndsWithinTheDrainTimeAndCountsEverythingLeft() throws Exception {
        ScriptedSender sender = new ScriptedSender().times(100_000, unavailable());
        QueuedExporter exporter = QueuedExporter.builder(context, sender).queue(queue(1, 100, false))
                .retry(FAST_RETRY).drainTimeout(Duration.ofMillis(300)).build();
        exporter.start();
        for (int i = 0; i < 10; i++) {
            exporter.consume(spans(2));
        }
        long t0 = System.nanoTime();
        exporter.shutdown();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(tookMillis < 5_000, "bounded by the drain time, took " + tookMillis + "ms");
        assertEquals(20, counter("otelcol_exporter_send_failed_spans"), "all 10 batches counted as failed");
        assertEquals(0, counter("otelcol_exporter_sent_spans"));
    }

    @Test
    void sameBatchInstanceReachesTheSender() throws Exception {
        ScriptedSender sender = new ScriptedSender();
        QueuedExporter exporter = QueuedExporter.builder(context, sender).build();
        exporter.start();
        SpanBatch b = spans(1);
        exporter.consume(b);
        exporter.shutdown();
        assertSame(b, sender.delivered().get(0), "no copy on the way");
        assertEquals(1000, meters.get("otelcol_exporter_queue_capacity").tag("data_type", "logs").gauge().value());
    }

    private static boolean awaitTries(ScriptedSender sender, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sender.tries().size() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }
}
