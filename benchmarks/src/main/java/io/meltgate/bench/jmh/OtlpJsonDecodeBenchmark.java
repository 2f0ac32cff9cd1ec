package io.meltgate.bench.jmh;

import io.meltgate.bench.OtlpRequests;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.otlp.json.OtlpJson;
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
 * What the OTLP/HTTP receiver does with a JSON body ({@code Content-Type: application/json}): decode it with
 * the gateway's OTLP/JSON codec ({@link OtlpJson}) into the export request and wrap it in a batch. The bodies
 * are the same realistic requests as {@link OtlpDecodeBenchmark}'s, encoded as OTLP/JSON (hex ids, camelCase
 * keys, 64-bit integers as strings). Score: items per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class OtlpJsonDecodeBenchmark {

    static final int ITEMS_PER_REQUEST = 512;
    private static final int DISTINCT_REQUESTS = 16;

    @Param({"traces", "metrics", "logs"})
    public String signal;

    private Signal parsedSignal;
    private byte[][] bodies;
    private int next;
    private long decodedItems;
    private final ThreadCpuReport cpu = new ThreadCpuReport();

    @Setup
    public void setUp() throws Exception {
        parsedSignal = Signal.fromYamlName(signal).orElseThrow();
        byte[][] protobuf = OtlpRequests.encoded(parsedSignal, DISTINCT_REQUESTS, ITEMS_PER_REQUEST, 42);
        bodies = new byte[DISTINCT_REQUESTS][];
        for (int i = 0; i < DISTINCT_REQUESTS; i++) {
            bodies[i] = OtlpJson.encode(OtlpRequests.toMessage(parsedSignal, protobuf[i]));
        }
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
        byte[] body = bodies[next];
        next = (next + 1) % DISTINCT_REQUESTS;
        decodedItems += ITEMS_PER_REQUEST;
        return switch (parsedSignal) {
            case TRACES -> SpanBatch.of(OtlpJson.decodeTraceRequest(body), RequestMetadata.EMPTY);
            case METRICS -> MetricBatch.of(OtlpJson.decodeMetricsRequest(body), RequestMetadata.EMPTY);
            case LOGS -> LogBatch.of(OtlpJson.decodeLogsRequest(body), RequestMetadata.EMPTY);
        };
    }
}
