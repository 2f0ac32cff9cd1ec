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
 * 1000 realistic spans through {@code consume}. {@code condition} picks a condition that matches
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
        batch = spans(SPANS);
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

    /**
     * {@code n} spans like a task service's (the attribute set of the shared OtlpFixtures, built here so this
     * module needs no test-jar on its main classpath): one resource, one scope, seeded, deterministic.
     */
    static SpanBatch spans(int n) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        String[] names = {"GET /api/tasks", "POST /api/tasks/{id}/expand", "task.execute", "llm.call", "db.query", "cache.get"};
        String[] types = {"research", "summarize", "plan", "code", "review"};
        io.opentelemetry.proto.trace.v1.ScopeSpans.Builder ss = io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
                .setScope(io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder().setName("io.taskmaster.core").setVersion("1.4.2"));
        for (int i = 0; i < n; i++) {
            long start = 1_764_000_000_000_000_000L + random.nextLong(1_000_000_000_000L);
            byte[] id = new byte[16];
            random.nextBytes(id);
            ss.addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
                    .setTraceId(com.google.protobuf.ByteString.copyFrom(id))
                    .setSpanId(com.google.protobuf.ByteString.copyFrom(id, 0, 8))
                    .setName(names[random.nextInt(names.length)])
                    .setKindValue(1 + random.nextInt(5))
                    .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 200_000 + random.nextLong(900_000_000L))
                    .addAttributes(str("task.id", "task-" + random.nextInt(100_000)))
                    .addAttributes(str("task.type", types[random.nextInt(types.length)]))
                    .addAttributes(str("task.status", random.nextInt(10) == 0 ? "failed" : "done"))
                    .addAttributes(str("research.source", "arxiv"))
                    .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("task.priority")
                            .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setIntValue(random.nextInt(5))))
                    .addAttributes(str("http.request.method", "POST"))
                    .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("http.response.status_code")
                            .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setIntValue(random.nextInt(20) == 0 ? 500 : 200)))
                    .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("task.cached")
                            .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setBoolValue(random.nextBoolean())))
                    .setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder().setCodeValue(random.nextInt(10) == 0 ? 2 : 1)));
        }
        io.opentelemetry.proto.resource.v1.Resource resource = io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                .addAttributes(str("service.name", "task-master")).addAttributes(str("service.version", "1.4.2"))
                .addAttributes(str("host.name", "node-3.cluster.local")).addAttributes(str("telemetry.sdk.language", "java"))
                .build();
        return SpanBatch.of(java.util.List.of(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder().setResource(resource)
                .addScopeSpans(ss).build()), RequestMetadata.EMPTY);
    }

    private static io.opentelemetry.proto.common.v1.KeyValue str(String k, String v) {
        return io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey(k)
                .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue(v)).build();
    }
}
