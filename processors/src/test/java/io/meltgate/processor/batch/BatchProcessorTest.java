package io.meltgate.processor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Processor;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(42);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RecordingConsumer out = new RecordingConsumer();

    private Processor processor(BatchSettings settings, Signal signal) {
        ComponentContext ctx = new ComponentContext(ComponentId.of("batch"), ComponentKind.PROCESSOR, meters,
                HealthReporter.NONE);
        return new BatchFactory().create(ctx, settings, signal, out);
    }

    private BatchSettings settings(Duration timeout, int size, int max) {
        return new BatchSettings(timeout, size, max, List.of(), 1000);
    }

    private static List<Span> spansOf(List<Batch> batches) {
        List<Span> spans = new ArrayList<>();
        for (Batch b : batches) {
            for (ResourceSpans rs : ((SpanBatch) b).resourceSpans()) {
                rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList()));
            }
        }
        return spans;
    }

    @Test
    void defaultsAreTheCollectors() {
        BatchSettings d = new BatchFactory().defaultSettings();
        assertEquals(Duration.ofMillis(200), d.timeout());
        assertEquals(8192, d.sendBatchSize());
        assertEquals(0, d.sendBatchMaxSize());
        assertTrue(d.validate().isEmpty());
    }

    @Test
    void sendsWhenTheSizeTriggerIsReachedKeepingEverySpanInOrder() throws Exception {
        Processor p = processor(settings(Duration.ofHours(1), 100, 0), Signal.TRACES);
        List<Batch> in = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            SpanBatch b = SpanBatch.of(fixtures.traceRequest(30), RequestMetadata.EMPTY);
            in.add(b);
            p.consume(b);
        }
        // 270 spans: sends at 120 and 240, keeps 30.
        assertEquals(2, out.batches().size());
        assertEquals(List.of(120, 120), out.batches().stream().map(Batch::itemCount).toList());
        p.flush();
        assertEquals(270, out.itemCount());
        assertEquals(spansOf(in), spansOf(out.batches()));
        assertEquals(2.0, meters.get("otelcol_processor_batch_batch_size_trigger_send").counter().count());
    }

    @Test
    void splitsAtTheMaximumSizeAndKeepsTheSmallTailForLater() throws Exception {
        Processor p = processor(settings(Duration.ofHours(1), 40, 50), Signal.TRACES);
        SpanBatch big = SpanBatch.of(fixtures.traceRequest(130), RequestMetadata.EMPTY);
        p.consume(big);
        assertEquals(List.of(50, 50), out.batches().stream().map(Batch::itemCount).toList());
        p.flush();
        assertEquals(List.of(50, 50, 30), out.batches().stream().map(Batch::itemCount).toList());
        assertEquals(spansOf(List.of(big)), spansOf(out.batches()));
    }

    @Test
    void sendsOnTimeoutThroughTheRealPipelineTicks() throws Exception {
        Processor p = processor(settings(Duration.ofMillis(50), 10_000, 0), Signal.LOGS);
        Pipeline pipeline = new Pipeline(PipelineId.parse("logs"), 16, List.of(p), p, meters);
        pipeline.start();
        try {
            new RingPublisher(List.of(pipeline)).consume(LogBatch.of(fixtures.logsRequest(7), RequestMetadata.EMPTY));
            assertTrue(out.awaitItems(7, Duration.ofSeconds(5)), "the timeout sends the partial batch");
            assertEquals(1, out.batches().size());
            assertTrue(meters.get("otelcol_processor_batch_timeout_trigger_send").counter().count() >= 1);
        } finally {
            pipeline.drainAndStop(Duration.ofSeconds(5));
        }
    }

    @Test
    void zeroTimeoutSendsAtOnceSplitByMaxSize() throws Exception {
        Processor p = processor(settings(Duration.ZERO, 8192, 25), Signal.METRICS);
        MetricBatch m = MetricBatch.of(fixtures.metricsRequest(60), RequestMetadata.EMPTY);
        p.consume(m);
        assertEquals(List.of(25, 25, 10), out.batches().stream().map(Batch::itemCount).toList());
        assertEquals(60, MetricBatch.countDataPoints(out.batches().stream()
                .flatMap(b -> ((MetricBatch) b).resourceMetrics().stream()).toList()));
    }

    @Test
    void metadataKeysBatchEachTenantApartAndCarryOnlyThoseKeys() throws Exception {
        Processor p = processor(new BatchSettings(Duration.ofHours(1), 10, 0, List.of("X-Tenant"), 10), Signal.TRACES);
        RequestMetadata a = new RequestMetadata("1.2.3.4", Map.of("x-tenant", List.of("a"), "authorization", List.of("s")));
        RequestMetadata b = new RequestMetadata("1.2.3.5", Map.of("x-tenant", List.of("b")));
        p.consume(SpanBatch.of(fixtures.traceRequest(6), a));
        p.consume(SpanBatch.of(fixtures.traceRequest(6), b));
        assertEquals(0, out.batches().size(), "neither tenant reached 10 alone");
        p.consume(SpanBatch.of(fixtures.traceRequest(6), a));
        assertEquals(1, out.batches().size());
        Batch sent = out.batches().get(0);
        assertEquals(12, sent.itemCount());
        assertEquals("a", sent.metadata().header("x-tenant"));
        assertEquals(null, sent.metadata().header("authorization"));
    }

    @Test
    void validationNamesEachProblem() {
        assertEquals(List.of("send_batch_max_size must be greater or equal to send_batch_size"),
                settings(Duration.ofSeconds(1), 100, 10).validate());
        assertEquals(1, settings(Duration.ofSeconds(-1), 1, 0).validate().size());
    }
}
