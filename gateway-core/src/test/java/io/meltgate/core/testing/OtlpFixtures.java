package io.meltgate.core.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
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
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic OTLP data for tests and benchmarks, shared by every module: resources and attributes like a real
 * service's (the Task Master semantic conventions: {@code service.name}, {@code task.id}, {@code task.type},
 * {@code research.source}, ...), histograms with 12 buckets, log bodies of about 80 characters with trace
 * context. Deterministic for a given seed.
 */
public final class OtlpFixtures {

    private static final String[] TASK_TYPES = {"research", "summarize", "plan", "code", "review"};
    private static final String[] SOURCES = {"perplexity", "arxiv", "github", "docs", "web"};
    private static final String[] SPAN_NAMES = {"GET /api/tasks", "POST /api/tasks/{id}/expand", "task.execute",
            "llm.call", "db.query", "cache.get"};
    private static final double[] BUCKETS = {5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000};

    private final SplittableRandom random;
    private final long baseTimeNanos;

    public OtlpFixtures(long seed) {
        this.random = new SplittableRandom(seed);
        this.baseTimeNanos = 1_764_000_000_000_000_000L + seed;
    }

    public static Resource resource(String serviceName, int instance) {
        return Resource.newBuilder()
                .addAttributes(str("service.name", serviceName))
                .addAttributes(str("service.version", "1.4.2"))
                .addAttributes(str("service.namespace", "taskmaster"))
                .addAttributes(str("service.instance.id", serviceName + "-" + instance))
                .addAttributes(str("host.name", "node-" + (instance % 7) + ".cluster.local"))
                .addAttributes(str("deployment.environment.name", "production"))
                .addAttributes(str("telemetry.sdk.language", "java"))
                .addAttributes(str("telemetry.sdk.name", "opentelemetry"))
                .build();
    }

    public static InstrumentationScope scope() {
        return InstrumentationScope.newBuilder().setName("io.taskmaster.core").setVersion("1.4.2").build();
    }

    public static KeyValue str(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    public static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    public static KeyValue bool(String key, boolean value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBoolValue(value)).build();
    }

    public static KeyValue dbl(String key, double value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(value)).build();
    }

    public byte[] traceId() {
        return ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(random.nextLong() | 1).array();
    }

    public byte[] spanId() {
        return ByteBuffer.allocate(8).putLong(random.nextLong() | 1).array();
    }

    /** One span of a task-processing service, with a realistic attribute set. */
    public Span span(byte[] traceId, byte[] parentSpanId) {
        long start = baseTimeNanos + random.nextLong(1_000_000_000_000L);
        long duration = 200_000 + random.nextLong(900_000_000L);
        String taskType = TASK_TYPES[random.nextInt(TASK_TYPES.length)];
        Span.Builder b = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(traceId))
                .setSpanId(ByteString.copyFrom(spanId()))
                .setName(SPAN_NAMES[random.nextInt(SPAN_NAMES.length)])
                .setKind(Span.SpanKind.forNumber(1 + random.nextInt(5)))
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + duration)
                .addAttributes(str("task.id", "task-" + random.nextInt(100_000)))
                .addAttributes(str("task.type", taskType))
                .addAttributes(str("task.status", random.nextInt(10) == 0 ? "failed" : "done"))
                .addAttributes(str("research.source", SOURCES[random.nextInt(SOURCES.length)]))
                .addAttributes(integer("task.priority", random.nextInt(5)))
                .addAttributes(str("http.request.method", "POST"))
                .addAttributes(integer("http.response.status_code", random.nextInt(20) == 0 ? 500 : 200))
                .addAttributes(bool("task.cached", random.nextBoolean()))
                .setStatus(Status.newBuilder().setCode(random.nextInt(10) == 0
                        ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_OK));
        if (parentSpanId != null) {
            b.setParentSpanId(ByteString.copyFrom(parentSpanId));
        }
        if (random.nextInt(4) == 0) {
            b.addEvents(Span.Event.newBuilder().setName("task.retry").setTimeUnixNano(start + duration / 2)
                    .addAttributes(integer("retry.attempt", 1)));
        }
        return b.build();
    }

    /** {@code spans} spans under one resource and scope, grouped into traces of up to 5 spans. */
    public ResourceSpans resourceSpans(int spans, String serviceName) {
        ScopeSpans.Builder ss = ScopeSpans.newBuilder().setScope(scope());
        byte[] trace = traceId();
        byte[] root = null;
        for (int i = 0; i < spans; i++) {
            if (i % 5 == 0) {
                trace = traceId();
                root = null;
            }
            Span s = span(trace, root);
            if (root == null) {
                root = s.getSpanId().toByteArray();
            }
            ss.addSpans(s);
        }
        return ResourceSpans.newBuilder().setResource(resource(serviceName, random.nextInt(20)))
                .addScopeSpans(ss).setSchemaUrl("https://opentelemetry.io/schemas/1.26.0").build();
    }

    public ExportTraceServiceRequest traceRequest(int spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans(spans, "task-master")).build();
    }

    /**
     * Metrics with {@code points} data points in all: a cumulative counter, a gauge and a 12-bucket histogram,
     * in turn, each point with task attributes.
     */
    public ExportMetricsServiceRequest metricsRequest(int points) {
        ScopeMetrics.Builder sm = ScopeMetrics.newBuilder().setScope(scope());
        long now = baseTimeNanos + random.nextLong(1_000_000_000_000L);
        int made = 0;
        int kind = 0;
        while (made < points) {
            int n = Math.min(points - made, 10);
            Metric.Builder m = Metric.newBuilder();
            switch (kind++ % 3) {
                case 0 -> {
                    Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
                            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                    for (int i = 0; i < n; i++) {
                        sum.addDataPoints(numberPoint(now).setAsInt(random.nextInt(1_000_000)));
                    }
                    m.setName("tasks.completed").setUnit("{task}").setDescription("Tasks completed").setSum(sum);
                }
                case 1 -> {
                    Gauge.Builder g = Gauge.newBuilder();
                    for (int i = 0; i < n; i++) {
                        g.addDataPoints(numberPoint(now).setAsDouble(random.nextDouble() * 100));
                    }
                    m.setName("queue.depth").setUnit("1").setDescription("Tasks waiting").setGauge(g);
                }
                default -> {
                    Histogram.Builder h = Histogram.newBuilder()
                            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                    for (int i = 0; i < n; i++) {
                        h.addDataPoints(histogramPoint(now));
                    }
                    m.setName("task.duration").setUnit("ms").setDescription("Task duration").setHistogram(h);
                }
            }
            sm.addMetrics(m);
            made += n;
        }
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(resource("task-master", random.nextInt(20))).addScopeMetrics(sm)).build();
    }

    private NumberDataPoint.Builder numberPoint(long now) {
        return NumberDataPoint.newBuilder().setStartTimeUnixNano(now - 60_000_000_000L).setTimeUnixNano(now)
                .addAttributes(str("task.type", TASK_TYPES[random.nextInt(TASK_TYPES.length)]))
                .addAttributes(str("research.source", SOURCES[random.nextInt(SOURCES.length)]));
    }

    private HistogramDataPoint histogramPoint(long now) {
        HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder()
                .setStartTimeUnixNano(now - 60_000_000_000L).setTimeUnixNano(now)
                .addAttributes(str("task.type", TASK_TYPES[random.nextInt(TASK_TYPES.length)]));
        long count = 0;
        double sum = 0;
        for (int i = 0; i <= BUCKETS.length; i++) {
            long c = random.nextInt(50);
            p.addBucketCounts(c);
            count += c;
            sum += c * (i < BUCKETS.length ? BUCKETS[i] * 0.8 : BUCKETS[BUCKETS.length - 1] * 1.5);
        }
        for (double b : BUCKETS) {
            p.addExplicitBounds(b);
        }
        return p.setCount(count).setSum(sum).setMin(1).setMax(7000).build();
    }

    /** {@code records} log records with ~80 character bodies and trace context; every 10th is an event. */
    public ExportLogsServiceRequest logsRequest(int records) {
        ScopeLogs.Builder sl = ScopeLogs.newBuilder().setScope(scope());
        long now = baseTimeNanos + random.nextLong(1_000_000_000_000L);
        for (int i = 0; i < records; i++) {
            String taskId = "task-" + random.nextInt(100_000);
            LogRecord.Builder r = LogRecord.newBuilder()
                    .setTimeUnixNano(now + i)
                    .setObservedTimeUnixNano(now + i + 1000)
                    .setSeverityNumber(random.nextInt(8) == 0 ? SeverityNumber.SEVERITY_NUMBER_ERROR : SeverityNumber.SEVERITY_NUMBER_INFO)
                    .setBody(AnyValue.newBuilder().setStringValue(String.format(
                            "Task %-11s expanded into %2d subtasks using %-10s in %4d ms",
                            taskId, random.nextInt(20), SOURCES[random.nextInt(SOURCES.length)], random.nextInt(5000))))
                    .setTraceId(ByteString.copyFrom(traceId()))
                    .setSpanId(ByteString.copyFrom(spanId()))
                    .setFlags(1)
                    .addAttributes(str("task.id", taskId))
                    .addAttributes(str("task.type", TASK_TYPES[random.nextInt(TASK_TYPES.length)]));
            r.setSeverityText(r.getSeverityNumber() == SeverityNumber.SEVERITY_NUMBER_ERROR ? "ERROR" : "INFO");
            if (i % 10 == 9) {
                r.setEventName("task.completed");
            }
            sl.addLogRecords(r);
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource("task-master", random.nextInt(20))).addScopeLogs(sl)).build();
    }

    /** Convenience for tests that just need n distinct requests. */
    public List<ExportTraceServiceRequest> traceRequests(int requests, int spansEach) {
        return java.util.stream.IntStream.range(0, requests).mapToObj(i -> traceRequest(spansEach)).toList();
    }
}
