package io.meltgate.exporter.prometheusremotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PrometheusNamesTest {

    enum Kind { GAUGE, COUNTER, UPDOWN, HISTOGRAM }

    static Metric metric(String name, String unit, Kind kind) {
        Metric.Builder m = Metric.newBuilder().setName(name).setUnit(unit);
        AggregationTemporality cumulative = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
        return switch (kind) {
            case GAUGE -> m.setGauge(Gauge.getDefaultInstance()).build();
            case COUNTER -> m.setSum(Sum.newBuilder().setIsMonotonic(true).setAggregationTemporality(cumulative)).build();
            case UPDOWN -> m.setSum(Sum.newBuilder().setIsMonotonic(false).setAggregationTemporality(cumulative)).build();
            case HISTOGRAM -> m.setHistogram(Histogram.newBuilder().setAggregationTemporality(cumulative)).build();
        };
    }

    static Stream<Arguments> names() {
        return Stream.of(
                // name, unit, kind, add_metric_suffixes, namespace, expected
                Arguments.of("http.server.request.duration", "s", Kind.HISTOGRAM, true, "", "http_server_request_duration_seconds"),
                Arguments.of("task.duration", "ms", Kind.HISTOGRAM, true, "", "task_duration_milliseconds"),
                Arguments.of("system.network.io", "By", Kind.COUNTER, true, "", "system_network_io_bytes_total"),
                Arguments.of("requests", "1", Kind.COUNTER, true, "", "requests_total"),
                Arguments.of("requests.total", "", Kind.COUNTER, true, "", "requests_total"),
                Arguments.of("total.requests", "", Kind.COUNTER, true, "", "requests_total"),
                Arguments.of("tasks.completed", "{task}", Kind.COUNTER, true, "", "tasks_completed_total"),
                Arguments.of("active.tasks", "{task}", Kind.UPDOWN, true, "", "active_tasks"),
                Arguments.of("cpu.utilization", "1", Kind.GAUGE, true, "", "cpu_utilization_ratio"),
                Arguments.of("cache.hit_ratio", "1", Kind.GAUGE, true, "", "cache_hit_ratio"),
                Arguments.of("queue.size", "1", Kind.UPDOWN, true, "", "queue_size"),
                Arguments.of("throughput", "By/s", Kind.GAUGE, true, "", "throughput_bytes_per_second"),
                Arguments.of("speed", "m/s", Kind.GAUGE, true, "", "speed_meters_per_second"),
                Arguments.of("packets", "{packet}/s", Kind.GAUGE, true, "", "packets_per_second"),
                Arguments.of("memory.usage", "MiBy", Kind.GAUGE, true, "", "memory_usage_mebibytes"),
                Arguments.of("room.temperature", "Cel", Kind.GAUGE, true, "", "room_temperature_celsius"),
                Arguments.of("disk.free", "%", Kind.GAUGE, true, "", "disk_free_percent"),
                Arguments.of("widgets", "widget", Kind.GAUGE, true, "", "widgets_widget"),
                Arguments.of("duration_seconds", "s", Kind.GAUGE, true, "", "duration_seconds"),
                Arguments.of("2xx.responses", "", Kind.GAUGE, true, "", "_2xx_responses"),
                Arguments.of("weird..name--here_", "", Kind.GAUGE, true, "", "weird_name_here"),
                Arguments.of("queue.depth", "", Kind.GAUGE, true, "taskmaster", "taskmaster_queue_depth"),
                Arguments.of("requests", "", Kind.COUNTER, true, "app", "app_requests_total"),
                // add_metric_suffixes: false keeps the name, only forbidden characters go
                Arguments.of("http.server.request.duration", "s", Kind.HISTOGRAM, false, "", "http_server_request_duration"),
                Arguments.of("requests", "1", Kind.COUNTER, false, "", "requests"),
                Arguments.of("cpu.utilization", "1", Kind.GAUGE, false, "", "cpu_utilization"),
                Arguments.of("a..b:c__d", "", Kind.GAUGE, false, "", "a_b:c__d"),
                Arguments.of("2xx", "", Kind.GAUGE, false, "", "_2xx"),
                Arguments.of("queue.depth", "", Kind.GAUGE, false, "ns", "ns_queue_depth"));
    }

    @ParameterizedTest(name = "{0} [{1}] {2} suffixes={3} namespace={4} -> {5}")
    @MethodSource("names")
    void metricNames(String name, String unit, Kind kind, boolean suffixes, String namespace, String expected) {
        assertEquals(expected, new PrometheusNames(suffixes, namespace).metricName(metric(name, unit, kind)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http.method, http_method",
            "service.instance.id, service_instance_id",
            "task_type, task_type",
            "a-b/c d, a_b_c_d",
            "1abc, key_1abc",
            "_private, key_private",
            "__reserved, __reserved",
            "ümlaut, key_mlaut",
            "Camel.Case, Camel_Case"})
    void labelNames(String key, String expected) {
        assertEquals(expected, new PrometheusNames(true, "").labelName(key));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.005, 0.005", "1000, 1000", "2.5, 2.5", "1e-9, 0.000000001", "1e21, 1000000000000000000000",
            "-3, -3", "0.1, 0.1", "Infinity, +Inf", "-Infinity, -Inf", "0.99, 0.99"})
    void bucketBoundsAsGoWritesThem(double bound, String expected) {
        assertEquals(expected, PrometheusValues.formatFloat(bound));
    }
}
