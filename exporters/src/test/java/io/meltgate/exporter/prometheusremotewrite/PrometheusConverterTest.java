package io.meltgate.exporter.prometheusremotewrite;

import static io.meltgate.core.testing.OtlpFixtures.integer;
import static io.meltgate.core.testing.OtlpFixtures.str;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.CUMULATIVE;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.DELTA;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.T0;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.T0_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.exporter.prometheusremotewrite.wire.BucketSpan;
import io.meltgate.exporter.prometheusremotewrite.wire.Exemplar;
import io.meltgate.exporter.prometheusremotewrite.wire.Histogram;
import io.meltgate.exporter.prometheusremotewrite.wire.MetricMetadata;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrometheusConverterTest {

    private static final Map<String, String> SERVICE_LABELS = Map.of("job", "shop/checkout", "instance", "checkout-1",
            "otel_scope_name", "io.shop", "otel_scope_version", "2.0");

    static ConversionOptions defaults() {
        return ConversionOptions.from(new PrometheusRemoteWriteFactory().defaultSettings());
    }

    static ConversionOptions options(boolean suffixes, String namespace, Map<String, String> external, boolean targetInfo,
                                     boolean scope, boolean r2t, boolean excludeService, boolean created, boolean metadata) {
        return new ConversionOptions(new PrometheusNames(suffixes, namespace), external, targetInfo, scope, r2t,
                excludeService, created, metadata);
    }

    static Conversion convert(ConversionOptions options, List<ResourceMetrics> data) {
        return new PrometheusConverter(options).convert(data);
    }

    /** Series as {labels as a sorted map -> samples}, for readable assertions. */
    static Map<Map<String, String>, PromSeries> byLabels(Conversion c) {
        Map<Map<String, String>, PromSeries> out = new LinkedHashMap<>();
        for (PromSeries s : c.series()) {
            Map<String, String> labels = new TreeMap<>();
            for (int i = 0; i < s.labels().size(); i++) {
                labels.put(s.labels().name(i), s.labels().value(i));
            }
            out.put(labels, s);
        }
        return out;
    }

    static Map<String, String> labels(Map<String, String> base, String... pairs) {
        Map<String, String> m = new TreeMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static PromSeries only(Conversion c, Map<String, String> labels) {
        PromSeries s = byLabels(c).get(labels);
        assertNotNull(s, () -> "no series " + labels + " among " + byLabels(c).keySet());
        return s;
    }

    // ---- one table for the value mapping of every data kind

    record Case(String title, Metric metric, Map<Map<String, String>, Double> expected) {
        @Override
        public String toString() {
            return title;
        }
    }

    static Stream<Arguments> kinds() {
        Map<String, String> l = labels(SERVICE_LABELS, "task_type", "plan");
        return Stream.of(
                new Case("gauge (double)", Otlp.gauge("queue.depth", "{task}", Otlp.point(7.5, str("task.type", "plan"))),
                        Map.of(labels(l, "__name__", "queue_depth"), 7.5)),
                new Case("gauge (int)", Otlp.gauge("queue.depth", "", Otlp.point(0, str("task.type", "plan")).setAsInt(12)),
                        Map.of(labels(l, "__name__", "queue_depth"), 12.0)),
                new Case("monotonic cumulative sum is a counter",
                        Otlp.sum("tasks.completed", "{task}", true, CUMULATIVE, Otlp.point(99, str("task.type", "plan"))),
                        Map.of(labels(l, "__name__", "tasks_completed_total"), 99.0)),
                new Case("non-monotonic sum is a gauge",
                        Otlp.sum("tasks.active", "{task}", false, CUMULATIVE, Otlp.point(-3, str("task.type", "plan"))),
                        Map.of(labels(l, "__name__", "tasks_active"), -3.0)),
                new Case("histogram: cumulative buckets, +Inf, sum, count",
                        Otlp.histogram("task.duration", "ms", CUMULATIVE, Otlp.histogramPoint(str("task.type", "plan"))),
                        Map.of(labels(l, "__name__", "task_duration_milliseconds_bucket", "le", "1"), 2.0,
                                labels(l, "__name__", "task_duration_milliseconds_bucket", "le", "5"), 5.0,
                                labels(l, "__name__", "task_duration_milliseconds_bucket", "le", "10"), 9.0,
                                labels(l, "__name__", "task_duration_milliseconds_bucket", "le", "+Inf"), 10.0,
                                labels(l, "__name__", "task_duration_milliseconds_sum"), 42.0,
                                labels(l, "__name__", "task_duration_milliseconds_count"), 10.0)),
                new Case("summary: quantiles, sum, count", Metric.newBuilder().setName("rpc.latency").setUnit("s")
                        .setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(T0)
                                .addAttributes(str("task.type", "plan")).setCount(4).setSum(2.5)
                                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(0.4))
                                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(1.9))))
                        .build(),
                        Map.of(labels(l, "__name__", "rpc_latency_seconds", "quantile", "0.5"), 0.4,
                                labels(l, "__name__", "rpc_latency_seconds", "quantile", "0.99"), 1.9,
                                labels(l, "__name__", "rpc_latency_seconds_sum"), 2.5,
                                labels(l, "__name__", "rpc_latency_seconds_count"), 4.0))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindMapsToItsSeries(Case c) {
        Conversion out = convert(options(true, "", Map.of(), false, true, false, false, false, false),
                Otlp.one(Otlp.service(), c.metric()));
        Map<Map<String, String>, PromSeries> series = byLabels(out);
        assertEquals(c.expected().keySet(), series.keySet());
        c.expected().forEach((labels, value) -> {
            PromSeries s = series.get(labels);
            assertEquals(1, s.sampleCount(), labels::toString);
            assertEquals(value, s.value(0), 1e-12, labels::toString);
            assertEquals(T0_MS, s.timestamp(0));
        });
        assertEquals(0, out.droppedPoints());
    }

    // ---- temporality

    static Stream<Arguments> temporalities() {
        AggregationTemporality unspecified = AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED;
        return Stream.of(
                Arguments.of("delta counter", Otlp.sum("c", "", true, DELTA, Otlp.point(1), Otlp.point(2)), 2),
                Arguments.of("delta up-down counter", Otlp.sum("c", "", false, DELTA, Otlp.point(1)), 1),
                Arguments.of("unspecified sum", Otlp.sum("c", "", true, unspecified, Otlp.point(1)), 1),
                Arguments.of("delta histogram", Otlp.histogram("h", "", DELTA, Otlp.histogramPoint(), Otlp.histogramPoint()), 2),
                Arguments.of("delta exponential histogram", Metric.newBuilder().setName("e").setExponentialHistogram(
                        ExponentialHistogram.newBuilder().setAggregationTemporality(DELTA)
                                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0))).build(), 1));
    }

    @ParameterizedTest(name = "{0} is dropped and counted")
    @MethodSource("temporalities")
    void deltaTemporalityIsRejectedAndCounted(String title, Metric metric, int points) {
        Metric fine = Otlp.gauge("ok", "", Otlp.point(1));
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.service(), metric, fine));
        assertEquals(points, out.droppedPoints());
        assertEquals(1, out.failedMetrics());
        assertTrue(out.errorSummary().contains("invalid temporality"), out.errorSummary());
        assertEquals(List.of("ok"), names(out), "the other metrics of the batch still convert");
    }

    static List<String> names(Conversion c) {
        return c.series().stream().map(s -> s.labels().get("__name__")).sorted().collect(Collectors.toList());
    }

    // ---- the no-recorded-value flag

    @Test
    void noRecordedValueBecomesTheStalenessMarkerOnEverySeriesOfThePoint() {
        Metric g = Otlp.gauge("g", "", Otlp.point(5).setFlags(1));
        Metric h = Otlp.histogram("h", "", CUMULATIVE, Otlp.histogramPoint().setFlags(1));
        Metric s = Metric.newBuilder().setName("s").setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint
                .newBuilder().setTimeUnixNano(T0).setFlags(1).setSum(1).setCount(1).addQuantileValues(
                        SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(1)))).build();
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(), g, h, s));
        assertEquals(1 + 6 + 3, out.seriesCount());
        for (PromSeries series : out.series()) {
            assertEquals(PrometheusValues.STALE_NAN_BITS, Double.doubleToRawLongBits(series.value(0)), series.labels()::toString);
        }
    }

    @Test
    void noRecordedValueOnAnExponentialHistogramMarksSumAndCountStale() {
        Histogram h = NativeHistograms.from(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setFlags(1)
                .setScale(2).setCount(3).setSum(4).build());
        assertEquals(PrometheusValues.STALE_NAN_BITS, Double.doubleToRawLongBits(h.getSum()));
        assertEquals(PrometheusValues.STALE_NAN_BITS, h.getCountInt());
    }

    // ---- exponential histograms as native histograms

    @Test
    void exponentialHistogramBecomesANativeHistogram() {
        ExponentialHistogramDataPoint p = ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setScale(3)
                .setCount(15).setSum(30.5).setZeroCount(1).setZeroThreshold(1e-9)
                // OTLP buckets 0,1 then a gap of 4 empty buckets, then 6; and one negative bucket at -2.
                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(0)
                        .addAllBucketCounts(List.of(2L, 3L, 0L, 0L, 0L, 0L, 5L)))
                .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-2).addBucketCounts(4))
                .addAttributes(str("task.type", "plan")).build();
        Metric m = Metric.newBuilder().setName("latency").setUnit("s").setExponentialHistogram(ExponentialHistogram
                .newBuilder().setAggregationTemporality(CUMULATIVE).addDataPoints(p)).build();
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(), m));
        PromSeries s = only(out, labels(Map.of(), "__name__", "latency_seconds", "task_type", "plan"));
        assertEquals(0, s.sampleCount());
        Histogram h = s.histograms().get(0);
        assertEquals(3, h.getSchema());
        assertEquals(15, h.getCountInt());
        assertEquals(30.5, h.getSum());
        assertEquals(1, h.getZeroCountInt());
        assertEquals(1e-9, h.getZeroThreshold());
        assertEquals(T0_MS, h.getTimestamp());
        // Prometheus index = OTLP index + 1; the gap of 4 is too long to fill, so a second span starts.
        assertEquals(List.of(span(1, 2), span(4, 1)), h.getPositiveSpansList());
        assertEquals(List.of(2L, 1L, 2L), h.getPositiveDeltasList());
        assertEquals(List.of(span(-1, 1)), h.getNegativeSpansList());
        assertEquals(List.of(4L), h.getNegativeDeltasList());
    }

    @Test
    void shortGapsAreFilledWithEmptyBuckets() {
        List<BucketSpan> spans = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        NativeHistograms.convertBuckets(5, List.of(1L, 0L, 0L, 4L), 0, spans::add, deltas::add);
        assertEquals(List.of(span(6, 4)), spans);
        assertEquals(List.of(1L, -1L, 0L, 4L), deltas);
    }

    @Test
    void scalesAbove8AreMergedDownTo8() {
        ExponentialHistogramDataPoint p = ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setScale(10)
                .setCount(10).setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(0)
                        .addAllBucketCounts(List.of(1L, 2L, 3L, 4L))).build();
        Histogram h = NativeHistograms.from(p);
        assertEquals(8, h.getSchema());
        // Scale 10 -> 8 merges 4 adjacent buckets: 0..3 all fall into index 0, i.e. Prometheus bucket 1.
        assertEquals(List.of(span(1, 1)), h.getPositiveSpansList());
        assertEquals(List.of(10L), h.getPositiveDeltasList());
    }

    @Test
    void scalesBelowMinus4AreDroppedAndCounted() {
        Metric m = Metric.newBuilder().setName("e").setExponentialHistogram(ExponentialHistogram.newBuilder()
                .setAggregationTemporality(CUMULATIVE)
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setScale(-5))
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setScale(0))).build();
        Conversion out = convert(defaults(), Otlp.one(Otlp.resource(), m));
        assertEquals(1, out.droppedPoints());
        assertEquals(1, out.seriesCount());
    }

    static BucketSpan span(int offset, int length) {
        return BucketSpan.newBuilder().setOffset(offset).setLength(length).build();
    }

    // ---- exemplars

    @Test
    void counterExemplarsCarryTraceAndSpanIds() {
        Metric c = Otlp.sum("requests", "", true, CUMULATIVE, Otlp.point(10)
                .addExemplars(Otlp.exemplar(1, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331")));
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(), c));
        Exemplar e = only(out, Map.of("__name__", "requests_total")).exemplars().get(0);
        assertEquals(Map.of("trace_id", "0af7651916cd43dd8448eb211c80319c", "span_id", "b7ad6b7169203331"),
                e.getLabelsList().stream().collect(Collectors.toMap(x -> x.getName(), x -> x.getValue())));
        assertEquals(1.0, e.getValue());
        assertEquals(T0_MS - 1, e.getTimestamp());
    }

    @Test
    void histogramExemplarsGoToTheBucketThatHoldsTheirValue() {
        Metric h = Otlp.histogram("d", "", CUMULATIVE, Otlp.histogramPoint()
                .addExemplars(Otlp.exemplar(0.5, "00000000000000000000000000000001", "0000000000000001"))
                .addExemplars(Otlp.exemplar(5, "00000000000000000000000000000002", "0000000000000002"))
                .addExemplars(Otlp.exemplar(99, "00000000000000000000000000000003", "0000000000000003")));
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(), h));
        assertEquals(0.5, only(out, Map.of("__name__", "d_bucket", "le", "1")).exemplars().get(0).getValue());
        assertEquals(5.0, only(out, Map.of("__name__", "d_bucket", "le", "5")).exemplars().get(0).getValue());
        assertEquals(List.of(), only(out, Map.of("__name__", "d_bucket", "le", "10")).exemplars());
        assertEquals(99.0, only(out, Map.of("__name__", "d_bucket", "le", "+Inf")).exemplars().get(0).getValue());
    }

    // ---- resource, scope and label rules

    @Test
    void jobAndInstanceComeFromServiceAttributesAndTargetInfoGetsTheRest() {
        Conversion out = convert(defaults(), Otlp.one(Otlp.service(), Otlp.gauge("g", "", Otlp.point(1))));
        only(out, labels(SERVICE_LABELS, "__name__", "g"));
        PromSeries info = only(out, Map.of("__name__", "target_info", "job", "shop/checkout", "instance", "checkout-1",
                "host_name", "node-1"));
        assertEquals(1.0, info.value(0));
        assertEquals(T0_MS, info.timestamp(0));
    }

    @Test
    void jobIsTheServiceNameAloneWithoutANamespace() {
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(str("service.name", "api")), Otlp.gauge("g", "", Otlp.point(1))));
        only(out, Map.of("__name__", "g", "job", "api"));
    }

    @Test
    void serviceLabelsReplaceAttributesOfTheSameName() {
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.service(), Otlp.gauge("g", "", Otlp.point(1, str("job", "mine"), str("instance", "x")))));
        only(out, Map.of("__name__", "g", "job", "shop/checkout", "instance", "checkout-1"));
    }

    @Test
    void noTargetInfoWhenDisabledOrWhenOnlyServiceAttributesExist() {
        Conversion disabled = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.service(), Otlp.gauge("g", "", Otlp.point(1))));
        assertEquals(List.of("g"), names(disabled));
        Conversion onlyService = convert(defaults(), Otlp.one(Otlp.resource(str("service.name", "api"),
                str("service.instance.id", "1")), Otlp.gauge("g", "", Otlp.point(1))));
        assertEquals(List.of("g"), names(onlyService));
    }

    @Test
    void resourceToTelemetryConversionPutsResourceAttributesOnEverySeries() {
        Conversion out = convert(options(true, "", Map.of(), false, false, true, false, false, false),
                Otlp.one(Otlp.service(), Otlp.gauge("g", "", Otlp.point(1, str("host.name", "from-point")))));
        only(out, Map.of("__name__", "g", "job", "shop/checkout", "instance", "checkout-1", "host_name", "node-1",
                "service_name", "checkout", "service_namespace", "shop", "service_instance_id", "checkout-1"));
        Conversion excluded = convert(options(true, "", Map.of(), false, false, true, true, false, false),
                Otlp.one(Otlp.service(), Otlp.gauge("g", "", Otlp.point(1))));
        only(excluded, Map.of("__name__", "g", "job", "shop/checkout", "instance", "checkout-1", "host_name", "node-1"));
    }

    @Test
    void externalLabelsAndNamespace() {
        Conversion out = convert(options(true, "tm", Map.of("cluster", "eu-1", "task_type", "ignored"), true, false,
                false, false, false, false), Otlp.one(Otlp.service(), Otlp.gauge("g", "", Otlp.point(1, str("task.type", "plan")))));
        only(out, Map.of("__name__", "tm_g", "job", "shop/checkout", "instance", "checkout-1", "cluster", "eu-1",
                "task_type", "plan"));
        only(out, Map.of("__name__", "tm_target_info", "job", "shop/checkout", "instance", "checkout-1",
                "cluster", "eu-1", "host_name", "node-1", "task_type", "ignored"));
    }

    @Test
    void scopeLabelsUnlessDisabled() {
        Conversion on = convert(options(true, "", Map.of(), false, true, false, false, false, false),
                Otlp.one(Otlp.resource(), Otlp.gauge("g", "", Otlp.point(1))));
        only(on, Map.of("__name__", "g", "otel_scope_name", "io.shop", "otel_scope_version", "2.0"));
        Conversion off = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(), Otlp.gauge("g", "", Otlp.point(1))));
        only(off, Map.of("__name__", "g"));
    }

    @Test
    void attributesThatCollideOnceSanitizedAreJoinedInKeyOrder() {
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(), Otlp.gauge("g", "", Otlp.point(1, str("a/b", "2"), str("a.b", "1"), integer("n", 3)))));
        only(out, Map.of("__name__", "g", "a_b", "1;2", "n", "3"));
    }

    @Test
    void labelsAreSortedByName() {
        Conversion out = convert(defaults(), Otlp.one(Otlp.service(),
                Otlp.gauge("g", "", Otlp.point(1, str("zeta", "z"), str("Alpha", "a"), str("mid", "m")))));
        for (PromSeries s : out.series()) {
            for (int i = 1; i < s.labels().size(); i++) {
                assertTrue(s.labels().name(i - 1).compareTo(s.labels().name(i)) < 0, s.labels()::toString);
            }
        }
    }

    @Test
    void samplesOfOneSeriesAreMergedAndPutInTimeOrder() {
        Metric g = Otlp.gauge("g", "", Otlp.point(3).setTimeUnixNano(T0 + 3_000_000), Otlp.point(1),
                Otlp.point(2).setTimeUnixNano(T0 + 2_000_000));
        PromSeries s = only(convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(), g)), Map.of("__name__", "g"));
        assertEquals(3, s.sampleCount());
        assertEquals(List.of(T0_MS, T0_MS + 2, T0_MS + 3), List.of(s.timestamp(0), s.timestamp(1), s.timestamp(2)));
        assertEquals(List.of(1.0, 2.0, 3.0), List.of(s.value(0), s.value(1), s.value(2)));
    }

    @Test
    void createdSeriesWhenEnabled() {
        Metric c = Otlp.sum("requests", "", true, CUMULATIVE, Otlp.point(10));
        Metric h = Otlp.histogram("d", "", CUMULATIVE, Otlp.histogramPoint());
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, true, false),
                Otlp.one(Otlp.resource(), c, h));
        assertEquals((double) (T0_MS - 60_000), only(out, Map.of("__name__", "requests_created")).value(0));
        assertEquals((double) (T0_MS - 60_000), only(out, Map.of("__name__", "d_created")).value(0));
        Conversion off = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(), c));
        assertNull(byLabels(off).get(Map.of("__name__", "requests_created")));
    }

    @Test
    void metadataForEveryFamilyWhenEnabled() {
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, true),
                Otlp.one(Otlp.resource(), Otlp.sum("requests", "", true, CUMULATIVE, Otlp.point(1)),
                        Otlp.gauge("temp", "Cel", Otlp.point(1)), Otlp.histogram("d", "ms", CUMULATIVE, Otlp.histogramPoint())));
        Map<String, MetricMetadata> byName = out.metadata().stream()
                .collect(Collectors.toMap(MetricMetadata::getMetricFamilyName, m -> m));
        assertEquals(MetricMetadata.MetricType.COUNTER, byName.get("requests_total").getType());
        assertEquals("requests help", byName.get("requests_total").getHelp());
        assertEquals(MetricMetadata.MetricType.GAUGE, byName.get("temp_celsius").getType());
        assertEquals("Cel", byName.get("temp_celsius").getUnit());
        assertEquals(MetricMetadata.MetricType.HISTOGRAM, byName.get("d_milliseconds").getType());
        assertEquals(0, convert(defaults(), Otlp.one(Otlp.resource(), Otlp.gauge("g", "", Otlp.point(1)))).metadata().size());
    }

    @Test
    void pointsOfTwoResourcesWithTheSameAttributeKeysKeepTheirOwnJob() {
        List<ResourceMetrics> two = new ArrayList<>(Otlp.one(Otlp.resource(io.meltgate.core.testing.OtlpFixtures.str(
                "service.name", "a")), Otlp.gauge("g", "", Otlp.point(1, str("k", "v")), Otlp.point(2, str("k", "w")))));
        two.addAll(Otlp.one(Otlp.resource(str("service.name", "b")), Otlp.gauge("g", "", Otlp.point(3, str("k", "v")))));
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false), two);
        assertEquals(1.0, only(out, Map.of("__name__", "g", "job", "a", "k", "v")).value(0));
        assertEquals(2.0, only(out, Map.of("__name__", "g", "job", "a", "k", "w")).value(0));
        assertEquals(3.0, only(out, Map.of("__name__", "g", "job", "b", "k", "v")).value(0));
    }

    @Test
    void aPointAfterAnotherWithCollidingKeysStillJoinsTheirValues() {
        Metric g = Otlp.gauge("g", "", Otlp.point(1, str("a.b", "1"), str("c", "x")),
                Otlp.point(2, str("a.b", "1"), str("a_b", "2")), Otlp.point(3, str("a.b", "1"), str("c", "y")));
        Conversion out = convert(options(true, "", Map.of(), false, false, false, false, false, false),
                Otlp.one(Otlp.resource(), g));
        assertEquals(2.0, only(out, Map.of("__name__", "g", "a_b", "1;2")).value(0));
        assertEquals(3.0, only(out, Map.of("__name__", "g", "a_b", "1", "c", "y")).value(0));
    }

    @Test
    void realisticFixtureConvertsWithoutLoss() {
        var request = new io.meltgate.core.testing.OtlpFixtures(7).metricsRequest(300);
        Conversion out = convert(defaults(), request.getResourceMetricsList());
        assertEquals(0, out.droppedPoints());
        // 100 counter points, 100 gauge points, 100 histograms of 12 bounds (12 + +Inf + sum + count); merged
        // where attribute sets repeat, so at most that many series, plus target_info.
        assertTrue(out.seriesCount() > 10 && out.seriesCount() <= 100 + 100 + 100 * 15 + 1, "" + out.seriesCount());
        long samples = out.series().stream().mapToLong(PromSeries::sampleCount).sum();
        assertEquals(100 + 100 + 100 * 15 + 1, samples);
    }
}
