package io.meltgate.processor.support;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Processor;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.testing.RecordingConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs batches through a real pipeline (ring, consumer thread, the processor) into a RecordingConsumer. */
public final class PipelineHarness {

    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final RecordingConsumer out = new RecordingConsumer();

    public ComponentContext context(String id) {
        return new ComponentContext(ComponentId.parse(id), ComponentKind.PROCESSOR, meters, HealthReporter.NONE);
    }

    /** Publishes the batches through the pipeline, waits for it to drain, returns what reached the end. */
    public List<Batch> run(String pipeline, Processor p, Batch... batches) throws Exception {
        Pipeline pl = new Pipeline(PipelineId.parse(pipeline), 16, List.of(p), p, meters);
        pl.start();
        RingPublisher publisher = new RingPublisher(List.of(pl));
        for (Batch b : batches) {
            publisher.consume(b);
        }
        if (!pl.drainAndStop(Duration.ofSeconds(10))) {
            throw new AssertionError("pipeline did not drain");
        }
        return out.batches();
    }

    /** Like {@link #run(String, Processor, Batch...)} for several processors chained in YAML order. */
    public List<Batch> runChain(String pipeline, List<Processor> chain, Batch... batches) throws Exception {
        Pipeline pl = new Pipeline(PipelineId.parse(pipeline), 16, chain, chain.get(0), meters);
        pl.start();
        RingPublisher publisher = new RingPublisher(List.of(pl));
        for (Batch b : batches) {
            publisher.consume(b);
        }
        if (!pl.drainAndStop(Duration.ofSeconds(10))) {
            throw new AssertionError("pipeline did not drain");
        }
        return out.batches();
    }

    public double counter(String name) {
        var c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    public static List<Span> spans(List<Batch> batches) {
        List<Span> out = new ArrayList<>();
        for (Batch b : batches) {
            ((SpanBatch) b).resourceSpans().forEach(r -> r.getScopeSpansList().forEach(s -> out.addAll(s.getSpansList())));
        }
        return out;
    }

    public static List<Metric> metrics(List<Batch> batches) {
        List<Metric> out = new ArrayList<>();
        for (Batch b : batches) {
            ((MetricBatch) b).resourceMetrics().forEach(r -> r.getScopeMetricsList().forEach(s -> out.addAll(s.getMetricsList())));
        }
        return out;
    }

    public static List<LogRecord> logs(List<Batch> batches) {
        List<LogRecord> out = new ArrayList<>();
        for (Batch b : batches) {
            ((LogBatch) b).resourceLogs().forEach(r -> r.getScopeLogsList().forEach(s -> out.addAll(s.getLogRecordsList())));
        }
        return out;
    }
}
