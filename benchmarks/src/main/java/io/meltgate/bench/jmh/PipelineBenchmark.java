package io.meltgate.bench.jmh;

import io.meltgate.bench.OtlpRequests;
import io.meltgate.core.component.ComponentCatalog;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.component.Processor;
import io.meltgate.core.component.ProcessorFactory;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.service.PipelineSpec;
import io.meltgate.core.signal.Signal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process pipeline, decode excluded: batches are published into a real {@link Pipeline} ring through
 * a {@link RingPublisher}, the pipeline thread runs the {@code batch} processor with the Collector's defaults
 * (send_batch_size 8192, timeout 200ms) and encodes every outgoing export request as the otlp exporter would.
 *
 * <p>One invocation publishes {@value #REQUESTS_PER_INVOCATION} requests of {@value #ITEMS_PER_REQUEST} items
 * (exactly one send_batch_size) and waits until the pipeline thread has encoded them all, so the score is
 * the items per second that one pipeline thread carries end to end. The batches are decoded afresh before
 * every invocation (outside the measured time): protobuf memoizes a message's serialized size, and reusing
 * messages would hide the size computation that the exporter pays for every real request.
 *
 * <p>{@code processor=none} measures the ring and the encoding alone (each request exported as it came),
 * the baseline the batch processor's own cost is read against.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PipelineBenchmark {

    static final int ITEMS_PER_REQUEST = 512;
    static final int REQUESTS_PER_INVOCATION = 16;
    static final int ITEMS_PER_INVOCATION = ITEMS_PER_REQUEST * REQUESTS_PER_INVOCATION;
    private static final int DISTINCT_REQUESTS = 64;
    /** A stuck pipeline must fail the run, not hang it. */
    private static final long WAIT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Param({"traces", "metrics", "logs"})
    public String signal;

    @Param({"batch", "none"})
    public String processor;

    /**
     * {@code encode}: the pipeline thread also encodes each outgoing request (the brief's measure: ring, batch,
     * encode on one thread). {@code count}: it only hands the batch on, as in the gateway, where the otlp
     * exporter's sending queue takes it and its sender threads encode; this is the pipeline thread's own load.
     */
    @Param({"encode"})
    public String exporter;

    private Signal parsedSignal;
    private byte[][] encoded;
    private int nextEncoded;
    private final Batch[] batches = new Batch[REQUESTS_PER_INVOCATION];
    private EncodingExporter end;
    private Pipeline pipeline;
    private RingPublisher publisher;
    private long published;

    @Setup(Level.Trial)
    public void startPipeline() throws Exception {
        parsedSignal = Signal.fromYamlName(signal).orElseThrow();
        encoded = OtlpRequests.encoded(parsedSignal, DISTINCT_REQUESTS, ITEMS_PER_REQUEST, 7);
        if (!exporter.equals("encode") && !exporter.equals("count")) {
            throw new IllegalArgumentException("exporter must be encode or count, got " + exporter);
        }
        end = new EncodingExporter(exporter.equals("encode"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Processor> processors = switch (processor) {
            case "batch" -> List.of(createProcessor("batch", parsedSignal, meters, end));
            case "none" -> List.of();
            default -> throw new IllegalArgumentException("processor must be batch or none, got " + processor);
        };
        BatchConsumer head = processors.isEmpty() ? end : processors.get(0);
        pipeline = new Pipeline(new PipelineId(parsedSignal, "bench"), PipelineSpec.DEFAULT_RING_SIZE, processors,
                head, meters);
        pipeline.start();
        publisher = new RingPublisher(List.of(pipeline));
    }

    /**
     * Found by its YAML type through the component catalog, with the factory's default settings, exactly as
     * the service builds it; this keeps the benchmarks compiling before the processor exists.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Processor createProcessor(String type, Signal signal, SimpleMeterRegistry meters,
            BatchConsumer next)
            throws Exception {
        ProcessorFactory factory = (ProcessorFactory) ComponentCatalog.load().find(ComponentKind.PROCESSOR, type)
                .orElseThrow(() -> new IllegalStateException("no '" + type + "' processor on the class path"));
        ComponentContext context = new ComponentContext(ComponentId.of(type), ComponentKind.PROCESSOR, meters,
                HealthReporter.NONE);
        ComponentSettings settings = factory.defaultSettings();
        return factory.create(context, settings, signal, next);
    }

    @Setup(Level.Invocation)
    public void decodeFreshBatches() throws Exception {
        for (int i = 0; i < REQUESTS_PER_INVOCATION; i++) {
            batches[i] = OtlpRequests.decode(parsedSignal, encoded[nextEncoded]);
            nextEncoded = (nextEncoded + 1) % DISTINCT_REQUESTS;
        }
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS_PER_INVOCATION)
    public long publishBatchEncode() throws InterruptedException {
        for (Batch b : batches) {
            publishWhenRoom(b);
        }
        published += ITEMS_PER_INVOCATION;
        long deadline = System.nanoTime() + WAIT_LIMIT_NANOS;
        while (end.items() < published) {
            // Parking, not spinning: on a small machine a spinning producer steals the pipeline thread's core.
            LockSupport.parkNanos(20_000);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pipeline encoded " + end.items() + " of " + published
                        + " items within 10s: is the processor holding a partial batch?");
            }
        }
        return end.encodedBytes();
    }

    private void publishWhenRoom(Batch batch) throws InterruptedException {
        while (true) {
            try {
                publisher.consume(batch);
                return;
            } catch (ConsumeException full) {
                Thread.sleep(0, 50_000);
            }
        }
    }

    private final ThreadCpuReport cpu = new ThreadCpuReport();

    @Setup(Level.Iteration)
    public void markIteration() {
        cpu.start(end.items(), ThreadCpuReport.cpuNanos(end.pipelineThread()));
    }

    /** Pipeline thread CPU per item (ring, processor, encoding): see {@link ThreadCpuReport}. */
    @TearDown(Level.Iteration)
    public void reportPipelineCpu() {
        cpu.print("pipeline thread", parsedSignal.itemNoun(), end.items(), ThreadCpuReport.cpuNanos(end.pipelineThread()));
    }

    @TearDown(Level.Trial)
    public void stopPipeline() {
        pipeline.drainAndStop(Duration.ofSeconds(5));
    }
}
