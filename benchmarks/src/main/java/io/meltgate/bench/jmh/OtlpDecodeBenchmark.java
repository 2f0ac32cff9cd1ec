package io.meltgate.bench.jmh;

import io.meltgate.bench.OtlpRequests;
import io.meltgate.core.data.Batch;
import io.meltgate.core.signal.Signal;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the OTLP receiver does with every request on its network thread ({@code decode}: scan the protobuf
 * export request, checking and counting it, and wrap it in a batch whose entries parse when read), and that plus
 * parsing everything ({@code decodeAndParse}: what a pipeline whose processors read all the data pays). The score is items per second (spans, metric points or
 * log records), one request of {@value #ITEMS_PER_REQUEST} items per invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class OtlpDecodeBenchmark {

    /** The OpenTelemetry SDKs' default export batch size. */
    static final int ITEMS_PER_REQUEST = 512;
    /** Distinct requests cycled through, so the branch predictor and caches do not learn a single one. */
    private static final int DISTINCT_REQUESTS = 16;

    @Param({"traces", "metrics", "logs"})
    public String signal;

    private Signal parsedSignal;
    private byte[][] requests;
    private int next;
    private long decodedItems;
    private final ThreadCpuReport cpu = new ThreadCpuReport();

    @Setup
    public void setUp() {
        parsedSignal = Signal.fromYamlName(signal).orElseThrow();
        requests = OtlpRequests.encoded(parsedSignal, DISTINCT_REQUESTS, ITEMS_PER_REQUEST, 42);
    }

    @Setup(Level.Iteration)
    public void markIteration() {
        cpu.start(decodedItems, ThreadCpuReport.cpuNanos(Thread.currentThread()));
    }

    /** Decoding thread CPU per item: see {@link ThreadCpuReport}. */
    @TearDown(Level.Iteration)
    public void reportCpu() {
        cpu.print("decoding thread", parsedSignal.itemNoun(), decodedItems,
                ThreadCpuReport.cpuNanos(Thread.currentThread()));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS_PER_REQUEST)
    public Batch decode() throws Exception {
        return OtlpRequests.decode(parsedSignal, nextRequest());
    }

    /** The receiver's scan and then a parse of everything: what a pipeline whose processors read all data pays. */
    @Benchmark
    @OperationsPerInvocation(ITEMS_PER_REQUEST)
    public Batch decodeAndParse() throws Exception {
        return OtlpRequests.decodeParsed(parsedSignal, nextRequest());
    }

    private byte[] nextRequest() {
        byte[] request = requests[next];
        next = (next + 1) % DISTINCT_REQUESTS;
        decodedItems += ITEMS_PER_REQUEST;
        return request;
    }
}
