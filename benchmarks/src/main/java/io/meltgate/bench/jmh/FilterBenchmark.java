package io.meltgate.bench.jmh;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Processor;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.signal.Signal;
import io.meltgate.ottl.ErrorMode;
import io.meltgate.processor.filter.FilterFactory;
import io.meltgate.processor.filter.FilterSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The {@code filter} processor with one OTTL condition on {@code traces.span}, per span, one thread: a batch of
 * 1000 realistic spans (OtlpFixtures) through {@code consume}. {@code condition} picks a condition that matches
 * no span (pure evaluation) or about one span in six (evaluation plus rebuilding the batch without them).
 * Target (issue 8): under 50 ns per span.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterBenchmark {

    static final int SPANS = 1000;

    @Param({"attributes[\"task.type\"] == \"healthcheck\"", "name == \"cache.get\""})
    public String condition;

    private Processor filter;
    private SpanBatch batch;
    private Blackhole sink;

    @Setup
    public void setup(Blackhole bh) throws Exception {
        sink = bh;
        ExportTraceServiceRequest request = new io.meltgate.core.testing.OtlpFixtures(1).traceRequest(SPANS);
        batch = SpanBatch.of(request, RequestMetadata.EMPTY);
        ComponentContext ctx = new ComponentContext(ComponentId.of("filter"), ComponentKind.PROCESSOR,
                new SimpleMeterRegistry(), HealthReporter.NONE);
        FilterSettings s = new FilterSettings(ErrorMode.PROPAGATE, new FilterSettings.Traces(List.of(condition), List.of()),
                FilterSettings.Metrics.defaults(), FilterSettings.Logs.defaults(), FilterSettings.Spans.defaults());
        filter = new FilterFactory().create(ctx, s, Signal.TRACES, (Batch b) -> sink.consume(b));
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public void oneConditionPerSpan() throws Exception {
        filter.consume(batch);
    }
}
