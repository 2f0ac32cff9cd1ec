package io.meltgate.exporter.prometheusremotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.exporter.prometheusremotewrite.wire.Label;
import io.meltgate.exporter.prometheusremotewrite.wire.MetricMetadata;
import io.meltgate.exporter.prometheusremotewrite.wire.Sample;
import io.meltgate.exporter.prometheusremotewrite.wire.TimeSeries;
import io.meltgate.exporter.prometheusremotewrite.wire.WriteRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xerial.snappy.Snappy;

class WriteRequestEncoderTest {

    private static Conversion fixture(int points) {
        ConversionOptions options = ConversionOptions.from(new PrometheusRemoteWriteFactory().defaultSettings());
        return new PrometheusConverter(options).convert(new OtlpFixtures(3).metricsRequest(points).getResourceMetricsList());
    }

    @Test
    void encodesWhatTheGeneratedMessagesDecode() throws Exception {
        PromSeries s = new PromSeries(new LabelSet(new String[] {"__name__", "job", "le"}, new String[] {"x_bucket", "api", "+Inf"}));
        s.addSample(1000, 2.5);
        s.addSample(2000, 0);
        s.addSample(3000, PrometheusValues.STALE_NAN);
        List<byte[]> bodies = new WriteRequestEncoder(3_000_000).encode(List.of(s), List.of());
        assertEquals(1, bodies.size());
        WriteRequest r = WriteRequest.parseFrom(Snappy.uncompress(WriteRequestEncoder.compress(bodies.get(0))));
        TimeSeries ts = r.getTimeseries(0);
        assertEquals(List.of(label("__name__", "x_bucket"), label("job", "api"), label("le", "+Inf")), ts.getLabelsList());
        assertEquals(Sample.newBuilder().setTimestamp(1000).setValue(2.5).build(), ts.getSamples(0));
        assertEquals(Sample.newBuilder().setTimestamp(2000).setValue(0).build(), ts.getSamples(1));
        assertEquals(PrometheusValues.STALE_NAN_BITS, Double.doubleToRawLongBits(ts.getSamples(2).getValue()),
                "the staleness marker's NaN payload survives encoding");
        assertEquals(bodies.get(0).length, r.getSerializedSize(), "sizes computed up front match the generated code's");
    }

    @ParameterizedTest(name = "max_batch_size_bytes={0}")
    @ValueSource(ints = {2_000, 10_000, 50_000, 3_000_000})
    void splitsUnderTheLimitAndKeepsEverySeriesOnce(int max) throws Exception {
        Conversion c = fixture(600);
        List<byte[]> bodies = new WriteRequestEncoder(max).encode(c.series(), c.metadata());
        Set<String> seen = new HashSet<>();
        int samples = 0;
        for (byte[] body : bodies) {
            assertTrue(body.length < max, body.length + " >= " + max);
            WriteRequest r = WriteRequest.parseFrom(body);
            for (TimeSeries ts : r.getTimeseriesList()) {
                assertTrue(seen.add(ts.getLabelsList().toString()), "series sent twice: " + ts.getLabelsList());
                samples += ts.getSamplesCount();
            }
        }
        assertEquals(c.seriesCount(), seen.size());
        assertEquals(c.series().stream().mapToInt(PromSeries::sampleCount).sum(), samples);
        if (max < 50_000) {
            assertTrue(bodies.size() > 1, "a small limit splits");
        } else if (max == 3_000_000) {
            assertEquals(1, bodies.size());
        }
    }

    @Test
    void aSeriesLargerThanTheLimitGoesAlone() throws Exception {
        PromSeries big = new PromSeries(new LabelSet(new String[] {"__name__"}, new String[] {"big"}));
        for (int i = 1; i <= 200; i++) {
            big.addSample(i, i);
        }
        PromSeries small = new PromSeries(new LabelSet(new String[] {"__name__"}, new String[] {"small"}));
        small.addSample(1, 1);
        List<byte[]> bodies = new WriteRequestEncoder(500).encode(List.of(small, big, small), List.of());
        assertEquals(3, bodies.size());
        assertEquals(200, WriteRequest.parseFrom(bodies.get(1)).getTimeseries(0).getSamplesCount());
    }

    @Test
    void metadataTravelsInItsOwnRequestsAfterTheSeries() throws Exception {
        PromSeries s = new PromSeries(new LabelSet(new String[] {"__name__"}, new String[] {"a"}));
        s.addSample(1, 1);
        List<MetricMetadata> metadata = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            metadata.add(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.GAUGE)
                    .setMetricFamilyName("family_" + i).setHelp("help text " + i).build());
        }
        List<byte[]> bodies = new WriteRequestEncoder(400).encode(List.of(s), metadata);
        assertTrue(bodies.size() >= 3);
        assertEquals(1, WriteRequest.parseFrom(bodies.get(0)).getTimeseriesCount());
        assertEquals(0, WriteRequest.parseFrom(bodies.get(0)).getMetadataCount());
        int total = 0;
        for (byte[] b : bodies.subList(1, bodies.size())) {
            WriteRequest r = WriteRequest.parseFrom(b);
            assertEquals(0, r.getTimeseriesCount());
            assertTrue(b.length < 400);
            total += r.getMetadataCount();
        }
        assertEquals(30, total);
    }

    private static Label label(String name, String value) {
        return Label.newBuilder().setName(name).setValue(value).build();
    }
}
