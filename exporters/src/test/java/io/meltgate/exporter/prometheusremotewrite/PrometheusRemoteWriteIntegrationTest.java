package io.meltgate.exporter.prometheusremotewrite;

import static io.meltgate.exporter.prometheusremotewrite.PrometheusServer.labels;
import static io.meltgate.exporter.prometheusremotewrite.PrometheusServer.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter against a real Prometheus (Debian's package; {@code .ci/install-prometheus.sh} installs it),
 * fed by a real pipeline with data recorded by the OpenTelemetry Java SDK: every kind of metric, then the
 * answers of Prometheus's query API. Fails, never skips, when Prometheus is not installed.
 */
class PrometheusRemoteWriteIntegrationTest {

    private static final AttributeKey<String> TASK_TYPE = AttributeKey.stringKey("task.type");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final String JOB = "taskmaster/task-master";
    private static final String INSTANCE = "task-master-1";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static Attributes resource() {
        return Attributes.builder().put("service.name", "task-master").put("service.namespace", "taskmaster")
                .put("service.instance.id", INSTANCE).put("service.version", "1.4.2").put("host.name", "node-3")
                .put("deployment.environment.name", "test").build();
    }

    private Exporter exporter(String endpoint) throws Exception {
        PrometheusRemoteWriteFactory factory = new PrometheusRemoteWriteFactory();
        PrometheusRemoteWriteSettings d = factory.defaultSettings();
        PrometheusRemoteWriteSettings s = new PrometheusRemoteWriteSettings(endpoint, d.headers(), d.tls(), d.compression(),
                Duration.ofSeconds(5), new RetrySettings(true, Duration.ofMillis(50), Duration.ofMillis(500),
                Duration.ofMinutes(2), 1.5, 0.2), d.namespace(), d.remoteWriteQueue(), Map.of("cluster", "ci"),
                d.maxBatchSizeBytes(), d.maxBatchRequestParallelism(), d.resourceToTelemetryConversion(), d.targetInfo(),
                d.disableScopeInfo(), d.addMetricSuffixes(), d.translationStrategy(), true, d.protobufMessage(),
                d.exportCreatedMetric(), d.includeMetadataKeys(), d.wal());
        assertEquals(List.of(), s.validate());
        Exporter e = factory.create(new ComponentContext(ComponentId.parse("prometheusremotewrite"), ComponentKind.EXPORTER,
                meters, HealthReporter.NONE), s, Set.of(Signal.METRICS));
        e.start();
        return e;
    }

    @Test
    void everyKindOfMetricLandsInPrometheusAsTheCollectorWritesIt(@TempDir Path dir) throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(dir)) {
            Exporter exporter = exporter(prometheus.writeEndpoint());
            Pipeline pipeline = new Pipeline(PipelineId.parse("metrics"), 64, List.of(), exporter, meters);
            pipeline.start();
            RingPublisher receiver = new RingPublisher(List.of(pipeline));

            Context traced = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                    TraceState.getDefault())));
            Attributes plan = Attributes.of(TASK_TYPE, "plan");
            ExportMetricsServiceRequest cumulative;
            try (SdkMetrics sdk = new SdkMetrics(resource(), AggregationTemporality.CUMULATIVE, "task.latency")) {
                Meter meter = sdk.meter();
                LongCounter completed = meter.counterBuilder("tasks.completed").setUnit("{task}").build();
                completed.add(40, plan, traced);
                completed.add(2, plan);
                meter.upDownCounterBuilder("tasks.active").setUnit("{task}").build().add(-3, plan);
                meter.gaugeBuilder("queue.depth").setUnit("{task}").build().set(17.5, plan);
                meter.gaugeBuilder("cpu.utilization").setUnit("1").build().set(0.25);
                DoubleHistogram duration = meter.histogramBuilder("task.duration").setUnit("ms")
                        .setExplicitBucketBoundariesAdvice(List.of(10.0, 20.0, 50.0, 100.0)).build();
                // 5 in (..10], 10 in (10..20], 5 in (20..50]: median 15, 0.9-quantile 38 by linear interpolation.
                for (int i = 0; i < 5; i++) {
                    duration.record(5, plan);
                    duration.record(30, plan);
                }
                for (int i = 0; i < 10; i++) {
                    duration.record(15, plan, i == 0 ? traced : Context.root());
                }
                DoubleHistogram latency = meter.histogramBuilder("task.latency").setUnit("s").build();
                for (double v : new double[] {0.1, 0.2, 0.4, 0.8, 1.6}) {
                    latency.record(v, plan);
                }
                cumulative = sdk.collect();
            }
            ExportMetricsServiceRequest delta;
            try (SdkMetrics sdk = new SdkMetrics(resource(), AggregationTemporality.DELTA)) {
                sdk.meter().counterBuilder("tasks.delta").build().add(5, plan);
                delta = sdk.collect();
            }
            long now = System.currentTimeMillis() * 1_000_000L;
            receiver.consume(MetricBatch.of(cumulative, RequestMetadata.EMPTY));
            receiver.consume(MetricBatch.of(summaryAndStaleness(now), RequestMetadata.EMPTY));
            receiver.consume(MetricBatch.of(delta, RequestMetadata.EMPTY));
            receiver.consume(MetricBatch.of(staleMarker(now), RequestMetadata.EMPTY));
            assertTrue(pipeline.drainAndStop(Duration.ofSeconds(10)));
            exporter.shutdown(); // delivers everything queued before it returns

            Map<String, String> common = Map.of("job", JOB, "instance", INSTANCE, "cluster", "ci",
                    "otel_scope_name", "io.taskmaster.core", "otel_scope_version", "1.4.2");
            Duration wait = Duration.ofSeconds(10);

            var counter = prometheus.awaitQuery("tasks_completed_total", wait);
            assertEquals(1, counter.size(), counter::toString);
            assertEquals(with(common, "__name__", "tasks_completed_total", "task_type", "plan"), labels(counter.get(0)));
            assertEquals(42.0, value(counter.get(0)));

            assertEquals(-3.0, value(prometheus.awaitQuery("tasks_active{task_type=\"plan\"}", wait).get(0)),
                    "an up-down counter is a gauge, without _total");
            assertEquals(17.5, value(prometheus.awaitQuery("queue_depth{job=\"" + JOB + "\"}", wait).get(0)));
            assertEquals(0.25, value(prometheus.awaitQuery("cpu_utilization_ratio", wait).get(0)));

            var buckets = prometheus.awaitQuery("task_duration_milliseconds_bucket", wait);
            assertEquals(5, buckets.size(), "four bounds and +Inf");
            Map<String, Double> byLe = new java.util.TreeMap<>();
            buckets.forEach(b -> byLe.put(labels(b).get("le"), value(b)));
            assertEquals(Map.of("10", 5.0, "20", 15.0, "50", 20.0, "100", 20.0, "+Inf", 20.0), byLe);
            assertEquals(20.0, value(prometheus.awaitQuery("task_duration_milliseconds_count", wait).get(0)));
            assertEquals(5 * 5 + 10 * 15 + 5 * 30.0, value(prometheus.awaitQuery("task_duration_milliseconds_sum", wait).get(0)));
            assertEquals(15.0, value(prometheus.awaitQuery(
                    "histogram_quantile(0.5, sum by (le) (task_duration_milliseconds_bucket))", wait).get(0)), 1e-9);
            assertEquals(38.0, value(prometheus.awaitQuery(
                    "histogram_quantile(0.9, sum by (le) (task_duration_milliseconds_bucket))", wait).get(0)), 1e-9);

            assertEquals(5.0, value(prometheus.awaitQuery("histogram_count(task_latency_seconds)", wait).get(0)),
                    "the exponential histogram arrived as a native histogram");
            assertEquals(3.1, value(prometheus.awaitQuery("histogram_sum(task_latency_seconds)", wait).get(0)), 1e-9);
            assertEquals(0.4, value(prometheus.awaitQuery("histogram_quantile(0.5, task_latency_seconds)", wait).get(0)), 0.4 * 0.05);

            assertEquals(1.9, value(prometheus.awaitQuery("rpc_latency_seconds{quantile=\"0.99\"}", wait).get(0)));
            assertEquals(4.0, value(prometheus.awaitQuery("rpc_latency_seconds_count", wait).get(0)));

            var info = prometheus.awaitQuery("target_info", wait);
            assertEquals(1, info.size(), info::toString);
            assertEquals(Map.of("__name__", "target_info", "job", JOB, "instance", INSTANCE, "cluster", "ci",
                    "host_name", "node-3", "service_version", "1.4.2", "deployment_environment_name", "test"), labels(info.get(0)));
            assertEquals(1.0, value(info.get(0)));

            assertEquals(List.of(), prometheus.query("stale_check"), "the no-recorded-value point ended the series");
            assertEquals(1.0, value(prometheus.awaitQuery("count_over_time(stale_check[10m])", wait).get(0)));

            assertEquals(List.of(), prometheus.query("{__name__=~\"tasks_delta.*\"}"), "delta sums are not sent");
            assertEquals(1.0, meters.get("otelcol_exporter_send_failed_metric_points").counter().count(),
                    "the rejected delta point is counted");
            assertTrue(meters.get("otelcol_exporter_sent_metric_points").counter().count() >= 8);

            String exemplars = prometheus.exemplars("task_duration_milliseconds_bucket").toString()
                    + prometheus.exemplars("tasks_completed_total");
            assertTrue(exemplars.contains("trace_id=" + TRACE_ID) && exemplars.contains("span_id=" + SPAN_ID), exemplars);
        }
    }

    @Test
    void noSampleIsLostWhilePrometheusIsDownAndRestarted(@TempDir Path dir) throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(dir)) {
            Exporter exporter = exporter(prometheus.writeEndpoint());
            Pipeline pipeline = new Pipeline(PipelineId.parse("metrics"), 64, List.of(), exporter, meters);
            pipeline.start();
            RingPublisher receiver = new RingPublisher(List.of(pipeline));
            long base = System.currentTimeMillis() - 60_000;
            int n = 30;
            for (int i = 0; i < n; i++) {
                if (i == 10) {
                    assertEquals(10.0, value(prometheus.awaitQuery("count_over_time(restart_probe_total[10m])",
                            Duration.ofSeconds(10)).get(0)), "the first ten arrived before the outage");
                    prometheus.stopProcess();
                }
                if (i == 20) {
                    Thread.sleep(1500); // let the exporter fail and retry for a while
                    prometheus.startProcess(); // same port, same storage path
                }
                receiver.consume(MetricBatch.of(request(Otlp.sum("restart.probe", "", true, Otlp.CUMULATIVE,
                        NumberDataPoint.newBuilder().setTimeUnixNano((base + i * 1000L) * 1_000_000L).setAsInt(i + 1))),
                        RequestMetadata.EMPTY));
            }
            assertTrue(pipeline.drainAndStop(Duration.ofSeconds(10)));
            exporter.shutdown();

            String query = "count_over_time(restart_probe_total[10m])";
            assertEquals((double) n, value(prometheus.awaitQuery(query, Duration.ofSeconds(10)).get(0)), prometheus::log);
            assertEquals(n * (n + 1) / 2.0, value(prometheus.query("sum_over_time(restart_probe_total[10m])").get(0)));
            assertTrue(meters.get("meltgate_exporter_retried_metric_points").counter().count() > 0,
                    "the outage was real: sends failed and were retried");
            assertEquals(0.0, meters.get("otelcol_exporter_send_failed_metric_points").counter().count());
        }
    }

    /** A summary (the SDK cannot make one) and the first point of a gauge that the next batch marks stale. */
    private static ExportMetricsServiceRequest summaryAndStaleness(long nowNanos) {
        Metric summary = Metric.newBuilder().setName("rpc.latency").setUnit("s").setSummary(Summary.newBuilder()
                .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(nowNanos - 3_000_000_000L).setCount(4).setSum(2.5)
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(0.4))
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(1.9))))
                .build();
        Metric gauge = Otlp.gauge("stale.check", "", NumberDataPoint.newBuilder().setTimeUnixNano(nowNanos - 2_000_000_000L)
                .setAsDouble(5));
        return request(summary, gauge);
    }

    private static ExportMetricsServiceRequest staleMarker(long nowNanos) {
        return request(Otlp.gauge("stale.check", "", NumberDataPoint.newBuilder().setTimeUnixNano(nowNanos - 1_000_000_000L)
                .setFlags(1)));
    }

    private static ExportMetricsServiceRequest request(Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(OtlpFixtures.str("service.name", "task-master"))
                        .addAttributes(OtlpFixtures.str("service.namespace", "taskmaster"))
                        .addAttributes(OtlpFixtures.str("service.instance.id", INSTANCE)))
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("manual"))
                        .addAllMetrics(List.of(metrics)))).build();
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> m = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
