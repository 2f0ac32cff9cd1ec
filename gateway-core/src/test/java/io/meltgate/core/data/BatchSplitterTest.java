package io.meltgate.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchSplitterTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(3);

    @ParameterizedTest
    @CsvSource({"10,3", "10,10", "10,11", "37,5", "100,1", "7,0"})
    void spansKeepOrderResourceAndScope(int spans, int max) {
        SpanBatch batch = SpanBatch.of(List.of(fixtures.resourceSpans(spans / 2, "a"),
                fixtures.resourceSpans(spans - spans / 2, "b")), RequestMetadata.EMPTY);
        List<Batch> pieces = BatchSplitter.split(batch, max);
        if (max <= 0 || spans <= max) {
            assertSame(batch, pieces.get(0));
            return;
        }
        List<Span> out = new ArrayList<>();
        List<String> services = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            SpanBatch p = (SpanBatch) pieces.get(i);
            assertEquals(i < pieces.size() - 1 ? max : spans - max * (pieces.size() - 1), p.itemCount());
            assertEquals(SpanBatch.countSpans(p.resourceSpans()), p.itemCount());
            p.resourceSpans().forEach(rs -> rs.getScopeSpansList().forEach(ss -> ss.getSpansList().forEach(s -> {
                out.add(s);
                services.add(rs.getResource().getAttributes(0).getValue().getStringValue() + "/" + ss.getScope().getName());
            })));
        }
        List<Span> in = new ArrayList<>();
        batch.resourceSpans().forEach(rs -> rs.getScopeSpansList().forEach(ss -> in.addAll(ss.getSpansList())));
        assertEquals(in, out);
        assertEquals(spans / 2, services.stream().filter(s -> s.equals("a/io.taskmaster.core")).count());
    }

    @ParameterizedTest
    @CsvSource({"30,7", "60,25", "13,1"})
    void metricsSplitByDataPoints(int points, int max) {
        MetricBatch batch = MetricBatch.of(fixtures.metricsRequest(points), RequestMetadata.EMPTY);
        List<Batch> pieces = BatchSplitter.split(batch, max);
        int total = 0;
        List<String> names = new ArrayList<>();
        for (Batch b : pieces) {
            MetricBatch m = (MetricBatch) b;
            assertEquals(MetricBatch.countDataPoints(m.resourceMetrics()), m.itemCount());
            total += m.itemCount();
            m.resourceMetrics().forEach(rm -> rm.getScopeMetricsList().forEach(sm ->
                    sm.getMetricsList().stream().map(Metric::getName).forEach(names::add)));
        }
        assertEquals(points, total);
        assertEquals((points + max - 1) / max, pieces.size());
        assertEquals("tasks.completed", names.get(0));
    }

    @ParameterizedTest
    @CsvSource({"20,6", "5,2"})
    void logsSplit(int records, int max) {
        LogBatch batch = LogBatch.of(fixtures.logsRequest(records), RequestMetadata.EMPTY);
        List<LogRecord> out = new ArrayList<>();
        for (Batch b : BatchSplitter.split(batch, max)) {
            ((LogBatch) b).resourceLogs().forEach(rl -> rl.getScopeLogsList().forEach(sl -> out.addAll(sl.getLogRecordsList())));
        }
        List<LogRecord> in = new ArrayList<>();
        batch.resourceLogs().forEach(rl -> rl.getScopeLogsList().forEach(sl -> in.addAll(sl.getLogRecordsList())));
        assertEquals(in, out);
    }
}
