package io.meltgate.bench.jmh;

import io.meltgate.bench.OtlpRequests;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.processor.tailsampling.TailSamplingFactory;
import io.meltgate.processor.tailsampling.TailSamplingProcessor;
import io.meltgate.processor.tailsampling.TailSamplingSettings;
import io.meltgate.processor.tailsampling.policy.PolicySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code tail_sampling} processor on the pipeline thread, alone: traces decided per second. One invocation
 * buffers {@value #REQUESTS} requests of {@value #SPANS_PER_REQUEST} spans (traces of 5 spans, as
 * {@code OtlpFixtures} makes them: {@value #TRACES} traces) and then decides them all in one tick, with the
 * issue's policies (status_code ERROR, latency 500 ms, probabilistic 10%); the sampled traces are assembled into
 * batches and handed to a consumer that only counts. Spans/s = score × 5.
 *
 * <p>{@code wire=true}: batches as the OTLP receiver gives them, with each resource entry's received bytes (the
 * processor reads and copies those and parses nothing for these policies). {@code wire=false}: decoded entries
 * only, as after a processor that rebuilt them (the processor encodes each entry once). Requests are decoded
 * afresh before every invocation (outside the measured time), since protobuf memoizes serialized sizes and the
 * processor pays for them on real traffic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class TailSamplingBenchmark {

    static final int REQUESTS = 50;
    static final int SPANS_PER_REQUEST = 100;
    static final int TRACES = REQUESTS * SPANS_PER_REQUEST / 5;

    @Param({"true", "false"})
    public boolean wire;

    /** Two data sets with distinct trace ids, used in turn, so no trace is ever seen twice in a row. */
    private byte[][][] encoded;
    private int invocation;
    private Batch[] batches;
    private TailSamplingProcessor processor;
    private long released;

    @Setup(Level.Trial)
    public void setUp() {
        encoded = new byte[][][] {OtlpRequests.encoded(Signal.TRACES, REQUESTS, SPANS_PER_REQUEST, 42),
                OtlpRequests.encoded(Signal.TRACES, REQUESTS, SPANS_PER_REQUEST, 43)};
        batches = new Batch[REQUESTS];
        TailSamplingSettings settings = new TailSamplingFactory().defaultSettings()
                .withDecisionWait(Duration.ofSeconds(10))
                // num_traces = one invocation's traces: none is decided early, and the processor's memory of
                // decided traces (num_traces long) forgets a data set before it comes round again.
                .withNumTraces(TRACES)
                .withPolicies(List.of(
                        PolicySettings.of("errors", "status_code")
                                .withStatusCode(new PolicySettings.StatusCode(List.of("ERROR"))),
                        PolicySettings.of("slow", "latency").withLatency(new PolicySettings.Latency(500, 0)),
                        PolicySettings.of("ten-percent", "probabilistic")
                                .withProbabilistic(new PolicySettings.Probabilistic("", 10))));
        BatchConsumer counting = b -> released += b.itemCount();
        processor = new TailSamplingProcessor(new ComponentContext(ComponentId.of("tail_sampling"),
                ComponentKind.PROCESSOR, new SimpleMeterRegistry(), (s, m) -> { }), settings, counting);
    }

    @Setup(Level.Invocation)
    public void decode() throws Exception {
        byte[][] set = encoded[invocation++ & 1];
        for (int i = 0; i < REQUESTS; i++) {
            Batch b = OtlpRequests.decode(Signal.TRACES, set[i]);
            batches[i] = wire ? b : SpanBatch.of(((SpanBatch) b).resourceSpans(), RequestMetadata.EMPTY);
        }
    }

    /** Buffers every trace, then decides all of them. */
    @Benchmark
    @OperationsPerInvocation(TRACES)
    public long bufferAndDecide() throws Exception {
        for (Batch b : batches) {
            processor.consume(b);
        }
        processor.onTick(System.nanoTime() + Duration.ofSeconds(11).toNanos());
        return released;
    }
}
