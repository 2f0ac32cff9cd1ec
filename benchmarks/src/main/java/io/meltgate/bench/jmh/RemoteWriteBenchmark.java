package io.meltgate.bench.jmh;

import io.meltgate.exporter.prometheusremotewrite.PrometheusRemoteWriteFactory;
import io.meltgate.exporter.prometheusremotewrite.RemoteWriteEncoding;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Metric points per second through the {@code prometheusremotewrite} exporter's CPU path on one thread:
 * OTLP to Prometheus series (names, labels, job/instance, target_info, buckets), protobuf encoding with
 * splitting under {@code max_batch_size_bytes}, and snappy compression; everything but the HTTP POST.
 * Scores are points/s (one operation = one OTLP data point; a histogram point is one point that becomes 15
 * series). Target: at least 1,000,000 points/s for the mixed workload.
 *
 * <p>Data: batches of 1,000 points under one resource of 8 attributes, 10 points per metric (each metric its
 * own name, so series are not merged across metrics), each point with two attributes; {@code mixed} cycles
 * counter, gauge, 12-bucket histogram (as the shared OTLP fixtures do), {@code numbers} has counters and gauges
 * only, {@code histograms} only histograms. A classic histogram point is 15 series of about 270 protobuf bytes
 * each (labels are repeated on every series by the remote write 1.0 format), so histogram-heavy workloads are
 * bound by encoding and compression volume, not by the conversion.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RemoteWriteBenchmark {

    static final int POINTS = 1_000;
    private static final String[] TASK_TYPES = {"research", "summarize", "plan", "code", "review"};
    private static final String[] SOURCES = {"perplexity", "arxiv", "github", "docs", "web"};
    private static final double[] BOUNDS = {5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000};

    @Param({"mixed", "numbers", "histograms"})
    public String workload;

    private List<ResourceMetrics> batch;
    private RemoteWriteEncoding encoding;
    private long points;
    private final ThreadCpuReport cpu = new ThreadCpuReport();

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        long now = System.currentTimeMillis() * 1_000_000L;
        int[] kinds = switch (workload) {
            case "numbers" -> new int[] {0, 1};
            case "histograms" -> new int[] {2};
            default -> new int[] {0, 1, 2};
        };
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("io.taskmaster.core").setVersion("1.4.2"));
        for (int made = 0, m = 0; made < POINTS; made += 10, m++) {
            int kind = kinds[m % kinds.length];
            Metric.Builder metric = Metric.newBuilder();
            switch (kind) {
                case 0 -> {
                    Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
                            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                    for (int i = 0; i < 10; i++) {
                        sum.addDataPoints(number(random, now).setAsInt(random.nextInt(1_000_000)));
                    }
                    metric.setName("tasks.completed." + m).setUnit("{task}").setSum(sum);
                }
                case 1 -> {
                    Gauge.Builder gauge = Gauge.newBuilder();
                    for (int i = 0; i < 10; i++) {
                        gauge.addDataPoints(number(random, now).setAsDouble(random.nextDouble() * 100));
                    }
                    metric.setName("queue.depth." + m).setUnit("1").setGauge(gauge);
                }
                default -> {
                    Histogram.Builder h = Histogram.newBuilder()
                            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                    for (int i = 0; i < 10; i++) {
                        h.addDataPoints(histogram(random, now));
                    }
                    metric.setName("task.duration." + m).setUnit("ms").setHistogram(h);
                }
            }
            scope.addMetrics(metric);
        }
        Resource resource = Resource.newBuilder()
                .addAttributes(str("service.name", "task-master")).addAttributes(str("service.version", "1.4.2"))
                .addAttributes(str("service.namespace", "taskmaster")).addAttributes(str("service.instance.id", "task-master-3"))
                .addAttributes(str("host.name", "node-3.cluster.local")).addAttributes(str("deployment.environment.name", "production"))
                .addAttributes(str("telemetry.sdk.language", "java")).addAttributes(str("telemetry.sdk.name", "opentelemetry"))
                .build();
        batch = List.of(ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(scope).build());
        encoding = new RemoteWriteEncoding(new PrometheusRemoteWriteFactory().defaultSettings());
    }

    private static NumberDataPoint.Builder number(SplittableRandom random, long now) {
        return NumberDataPoint.newBuilder().setStartTimeUnixNano(now - 60_000_000_000L).setTimeUnixNano(now)
                .addAttributes(str("task.type", TASK_TYPES[random.nextInt(TASK_TYPES.length)]))
                .addAttributes(str("research.source", SOURCES[random.nextInt(SOURCES.length)]));
    }

    private static HistogramDataPoint histogram(SplittableRandom random, long now) {
        HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder().setStartTimeUnixNano(now - 60_000_000_000L)
                .setTimeUnixNano(now)
                .addAttributes(str("task.type", TASK_TYPES[random.nextInt(TASK_TYPES.length)]))
                .addAttributes(str("research.source", SOURCES[random.nextInt(SOURCES.length)]));
        long count = 0;
        double sum = 0;
        for (int i = 0; i <= BOUNDS.length; i++) {
            long c = random.nextInt(50);
            p.addBucketCounts(c);
            count += c;
            sum += c * (i < BOUNDS.length ? BOUNDS[i] * 0.8 : BOUNDS[BOUNDS.length - 1] * 1.5);
        }
        for (double b : BOUNDS) {
            p.addExplicitBounds(b);
        }
        return p.setCount(count).setSum(sum).build();
    }

    private static KeyValue str(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    @Setup(Level.Iteration)
    public void markIteration() {
        cpu.start(points, ThreadCpuReport.cpuNanos(Thread.currentThread()));
    }

    /** The benchmark thread's CPU per point: see {@link ThreadCpuReport}. */
    @TearDown(Level.Iteration)
    public void reportCpu() {
        cpu.print("encoding thread", "metric_points", points, ThreadCpuReport.cpuNanos(Thread.currentThread()));
    }

    /** Conversion + encoding + snappy of one batch of 1,000 points: the score is points/s. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public RemoteWriteEncoding.Encoded convertEncodeCompress() {
        points += POINTS;
        return encoding.encode(batch);
    }
}
