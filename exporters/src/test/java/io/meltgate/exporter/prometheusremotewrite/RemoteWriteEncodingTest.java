package io.meltgate.exporter.prometheusremotewrite;

import static io.meltgate.core.testing.OtlpFixtures.str;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.CUMULATIVE;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.T0;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.exemplar;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.gauge;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.histogram;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.histogramPoint;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.one;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.point;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.service;
import static io.meltgate.exporter.prometheusremotewrite.Otlp.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.exporter.prometheusremotewrite.wire.Label;
import io.meltgate.exporter.prometheusremotewrite.wire.Sample;
import io.meltgate.exporter.prometheusremotewrite.wire.TimeSeries;
import io.meltgate.exporter.prometheusremotewrite.wire.WriteRequest;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;

/**
 * Pins the whole encoded output of {@link RemoteWriteEncoding} (conversion, encoding, snappy) for realistic and
 * edge-case batches: each body is decompressed, decoded with the generated {@code WriteRequest} classes, and
 * every series (labels in wire order, samples with their raw bits, exemplars, native histograms) and metadata
 * entry is compared with the reference in {@code remote-write-golden/<case>.txt}. The references were written by
 * the straightforward label-set implementation this exporter had before its labels were encoded once per point
 * (commit 8ea375f), so any change in what goes on the wire shows up here series by series. Series order inside
 * a request is free (Prometheus does not care), so both sides are sorted.
 */
class RemoteWriteEncodingTest {

    static Stream<Arguments> cases() {
        ConversionOptions defaults = PrometheusConverterTest.defaults();
        ConversionOptions everything = PrometheusConverterTest.options(true, "ns", Map.of("cluster", "eu", "job", "ignored"),
                true, true, true, false, true, true);
        return Stream.of(
                Arguments.of("fixtures-defaults", defaults, new OtlpFixtures(7).metricsRequest(90).getResourceMetricsList()),
                Arguments.of("fixtures-all-options", everything, new OtlpFixtures(11).metricsRequest(60).getResourceMetricsList()),
                Arguments.of("fixtures-no-suffixes-no-scope", PrometheusConverterTest.options(false, "", Map.of(), false,
                        false, true, true, false, false), new OtlpFixtures(5).metricsRequest(30).getResourceMetricsList()),
                Arguments.of("edge-cases-defaults", defaults, edgeCases()),
                Arguments.of("edge-cases-all-options", everything, edgeCases()));
    }

    /** Colliding keys, an attribute called le / quantile, repeated points of one series, staleness, exemplars, summaries. */
    static List<ResourceMetrics> edgeCases() {
        List<ResourceMetrics> out = new ArrayList<>();
        Metric h = histogram("rpc.duration", "s", CUMULATIVE,
                histogramPoint(str("le", "attr"), str("method", "get")),
                histogramPoint(str("method", "get")).addExemplars(exemplar(0.5, "0102030405060708090a0b0c0d0e0f10", "0102030405060708"))
                        .addExemplars(exemplar(7, "1102030405060708090a0b0c0d0e0f10", "1102030405060708"))
                        .addExemplars(exemplar(99, "2102030405060708090a0b0c0d0e0f10", "2102030405060708")),
                histogramPoint(str("method", "get")).setTimeUnixNano(T0 - 10_000_000_000L),
                histogramPoint(str("a.b", "1"), str("a_b", "2"), str("Zed", "upper")),
                histogramPoint(str("method", "put")).setFlags(1),
                histogramPoint(str("method", "post")).clearSum(),
                histogramPoint(str("1st", "x"), str("_under", "y"), str("__dunder", "z"), str("empty", "")));
        Metric summary = Metric.newBuilder().setName("rpc.latency").setUnit("s").setSummary(Summary.newBuilder()
                .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(T0).setStartTimeUnixNano(T0 - 1)
                        .setCount(4).setSum(2.5).addAttributes(str("quantile", "attr"))
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(0.4))
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(1.9)))
                .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(T0).setCount(1).setSum(1)
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(1).setValue(1))))
                .build();
        Metric exponential = Metric.newBuilder().setName("payload.size").setUnit("By").setExponentialHistogram(
                ExponentialHistogram.newBuilder().setAggregationTemporality(CUMULATIVE).addDataPoints(
                        ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setStartTimeUnixNano(T0 - 5)
                                .setScale(2).setCount(6).setSum(30).setZeroCount(1)
                                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(1)
                                        .addBucketCounts(2).addBucketCounts(3))
                                .addAttributes(str("method", "get")))).build();
        Metric counter = sum("tasks.completed", "{task}", true, CUMULATIVE,
                point(3, str("task.type", "plan")), point(5, str("task.type", "plan")).setTimeUnixNano(T0 - 1_000_000_000L),
                point(7, str("task.type", "plan"), str("task_type", "code")),
                point(1, str("job", "mine"), str("instance", "theirs"), str("cluster", "us")));
        Metric g = gauge("queue.depth", "1", point(0, str("task.type", "plan")), point(-0.0), point(2).setFlags(1));
        out.addAll(one(service(), h, summary, exponential, counter, g));
        // A second resource with the same service: its series merge with the first's where labels agree.
        out.addAll(one(service(), gauge("queue.depth", "1", point(9, str("task.type", "plan")).setTimeUnixNano(T0 + 1_000_000))));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theWireOutputMatchesTheReferenceSeriesBySeries(String name, ConversionOptions options, List<ResourceMetrics> data)
            throws Exception {
        List<String> actual = decodedLines(new RemoteWriteEncoding(options, 3_000_000).encode(data));
        List<String> expected = reference(name);
        assertEquals(expected.size(), actual.size(), "number of series and metadata entries");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "entry " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitRequestsCarryTheSameSeries(String name, ConversionOptions options, List<ResourceMetrics> data) throws Exception {
        RemoteWriteEncoding.Encoded split = new RemoteWriteEncoding(options, 4_000).encode(data);
        assertTrue(split.bodies().size() > 1 || name.startsWith("edge"), "a 4,000-byte limit splits");
        assertEquals(reference(name), decodedLines(split));
    }

    /** Every series and metadata entry of the bodies as one line each, sorted. */
    static List<String> decodedLines(RemoteWriteEncoding.Encoded encoded) throws Exception {
        List<String> lines = new ArrayList<>();
        for (byte[] body : encoded.bodies()) {
            WriteRequest r = WriteRequest.parseFrom(Snappy.uncompress(body));
            for (TimeSeries ts : r.getTimeseriesList()) {
                lines.add(line(ts));
            }
            r.getMetadataList().forEach(m -> lines.add("metadata " + TextFormat.shortDebugString(m)));
        }
        Collections.sort(lines);
        return lines;
    }

    private static String line(TimeSeries ts) {
        StringBuilder b = new StringBuilder("{");
        for (Label l : ts.getLabelsList()) {
            b.append(l.getName()).append("=\"").append(l.getValue()).append("\",");
        }
        b.append("}");
        for (Sample s : ts.getSamplesList()) {
            b.append(' ').append(s.getTimestamp()).append('=').append(Long.toHexString(Double.doubleToRawLongBits(s.getValue())));
        }
        ts.getExemplarsList().forEach(e -> b.append(" exemplar ").append(TextFormat.shortDebugString(e)));
        ts.getHistogramsList().forEach(h -> b.append(" histogram ").append(TextFormat.shortDebugString(h)));
        return b.toString();
    }

    private static List<String> reference(String name) throws Exception {
        try (InputStream in = RemoteWriteEncodingTest.class.getResourceAsStream("/remote-write-golden/" + name + ".txt")) {
            assertNotNull(in, "reference " + name);
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().collect(Collectors.toList());
        }
    }

    /** Writes the references (run once, by hand, on the implementation they pin): {@code java ... <dir>}. */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
        java.nio.file.Files.createDirectories(dir);
        for (Arguments a : cases().collect(Collectors.toList())) {
            Object[] v = a.get();
            @SuppressWarnings("unchecked")
            List<ResourceMetrics> data = (List<ResourceMetrics>) v[2];
            List<String> lines = decodedLines(new RemoteWriteEncoding((ConversionOptions) v[1], 3_000_000).encode(data));
            java.nio.file.Files.write(dir.resolve(v[0] + ".txt"), lines, StandardCharsets.UTF_8);
        }
    }
}
