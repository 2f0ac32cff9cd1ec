package io.meltgate.bench.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The wire-walking count must agree with the full decode's count (the batches' own counting). */
class OtlpItemCounterTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(3);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 100, 513})
    void countsSpansAsTheDecodedBatchDoes(int spans) throws Exception {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(fixtures.resourceSpans(spans, "a"))
                .addResourceSpans(fixtures.resourceSpans(spans / 2, "b")).build();
        assertEquals(SpanBatch.of(request, null).itemCount(),
                OtlpItemCounter.count(Signal.TRACES, request.toByteArray()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 11, 100, 512})
    void countsMetricDataPointsOfEveryKind(int points) throws Exception {
        ExportMetricsServiceRequest fromFixtures = fixtures.metricsRequest(points);
        Metric summary = Metric.newBuilder().setName("s").setSummary(Summary.newBuilder()
                .addDataPoints(SummaryDataPoint.getDefaultInstance())
                .addDataPoints(SummaryDataPoint.getDefaultInstance())).build();
        Metric exponential = Metric.newBuilder().setName("e").setExponentialHistogram(ExponentialHistogram.newBuilder()
                .addDataPoints(ExponentialHistogramDataPoint.getDefaultInstance())).build();
        ExportMetricsServiceRequest request = fromFixtures.toBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(summary).addMetrics(exponential))).build();
        long expected = MetricBatch.of(request, null).itemCount();
        assertEquals(points + 3, expected);
        assertEquals(expected, OtlpItemCounter.count(Signal.METRICS, request.toByteArray()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 512})
    void countsLogRecords(int records) throws Exception {
        ExportLogsServiceRequest request = fixtures.logsRequest(records);
        assertEquals(LogBatch.of(request, null).itemCount(), OtlpItemCounter.count(Signal.LOGS, request.toByteArray()));
    }

    @Test
    void anEmptyRequestHoldsNothing() throws Exception {
        assertEquals(0, OtlpItemCounter.count(Signal.TRACES, new byte[0]));
    }

    @Test
    void truncatedInputIsRejected() {
        byte[] whole = fixtures.traceRequest(10).toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        assertThrows(InvalidProtocolBufferException.class, () -> OtlpItemCounter.count(Signal.TRACES, truncated));
    }
}
