package io.meltgate.bench.jmh;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Processor;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.signal.Signal;
import io.meltgate.ottl.ErrorMode;
import io.meltgate.processor.transform.TransformFactory;
import io.meltgate.processor.transform.TransformSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The {@code transform} processor with three span statements, per span, one thread: a batch of 1000 realistic
 * spans through {@code consume}; every span is rewritten (an attribute set, one deleted, the name of server spans
 * upper-cased), so the cost includes rebuilding the spans, scopes and resources. Target (issue 8): under 300 ns
 * per span.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TransformBenchmark {

    static final int SPANS = 1000;

    private Processor transform;
    private SpanBatch batch;
    private Blackhole sink;

    @Setup
    public void setup(Blackhole bh) throws Exception {
        sink = bh;
        batch = FilterBenchmark.spans(SPANS);
        ComponentContext ctx = new ComponentContext(ComponentId.of("transform"), ComponentKind.PROCESSOR,
                new SimpleMeterRegistry(), HealthReporter.NONE);
        TransformSettings s = new TransformSettings(ErrorMode.IGNORE, List.of(Map.of("context", "span", "statements", List.of(
                "set(attributes[\"deployment.environment\"], \"production\")",
                "delete_key(attributes, \"http.request.method\")",
                "set(name, ToUpperCase(name)) where kind == SPAN_KIND_SERVER"))), List.of(), List.of());
        transform = new TransformFactory().create(ctx, s, Signal.TRACES, (Batch b) -> sink.consume(b));
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public void threeStatementsPerSpan() throws Exception {
        transform.consume(batch);
    }
}
