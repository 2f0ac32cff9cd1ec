package io.meltgate.processor.filter;

import static io.meltgate.processor.support.PipelineHarness.logs;
import static io.meltgate.processor.support.PipelineHarness.metrics;
import static io.meltgate.processor.support.PipelineHarness.spans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.ottl.ErrorMode;
import io.meltgate.ottl.eval.Values;
import io.meltgate.processor.matching.AttributeMatch;
import io.meltgate.processor.matching.MatchProperties;
import io.meltgate.processor.matching.MatchType;
import io.meltgate.processor.matching.SeverityNumberMatch;
import io.meltgate.processor.support.PipelineHarness;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterProcessorTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(8);
    private final PipelineHarness h = new PipelineHarness();

    private static FilterSettings settings(ErrorMode mode, List<String> span, List<String> event, List<String> metric,
                                           List<String> point, List<String> log) {
        return new FilterSettings(mode, new FilterSettings.Traces(span, event),
                new FilterSettings.Metrics(metric, point, null, null), new FilterSettings.Logs(log, null, null),
                FilterSettings.Spans.defaults());
    }

    private FilterProcessor filter(FilterSettings s, Signal signal) throws Exception {
        assertTrue(s.validate().isEmpty(), s.validate().toString());
        return (FilterProcessor) new FilterFactory().create(h.context("filter/test"), s, signal, h.out);
    }

    private static Object attr(List<io.opentelemetry.proto.common.v1.KeyValue> kvs, String key) {
        return Values.fromAny(Values.lookup(kvs, key));
    }

    @Test
    void dropsExactlyTheSpansAnyConditionSelectsAndCountsThem() throws Exception {
        SpanBatch in1 = SpanBatch.of(fixtures.traceRequest(60), RequestMetadata.EMPTY);
        SpanBatch in2 = SpanBatch.of(fixtures.traceRequest(40), RequestMetadata.EMPTY);
        List<Span> all = spans(List.of(in1, in2));
        List<Span> expected = all.stream().filter(s -> !s.getName().equals("GET /api/tasks")
                && !(Boolean.TRUE.equals(attr(s.getAttributesList(), "task.cached")) && s.getKindValue() == 3)).toList();
        assertTrue(expected.size() > 10 && expected.size() < 90, "the fixture must give a real mix");
        var p = filter(settings(ErrorMode.PROPAGATE, List.of("name == \"GET /api/tasks\"",
                "attributes[\"task.cached\"] == true and kind == SPAN_KIND_CLIENT"), null, null, null, null), Signal.TRACES);
        List<Batch> got = h.run("traces", p, in1, in2);
        assertEquals(expected, spans(got), "exactly the survivors, in order, unchanged");
        assertEquals(expected.size(), got.stream().mapToInt(Batch::itemCount).sum(), "itemCount is kept right");
        assertEquals(all.size() - expected.size(), h.counter("otelcol_processor_filter_spans_filtered"));
        assertEquals("filter/test", h.meters.find("otelcol_processor_filter_spans_filtered").counter().getId().getTag("processor"));
        assertEquals(((SpanBatch) got.get(0)).resourceSpans().get(0).getResource(), in1.resourceSpans().get(0).getResource());
    }

    @Test
    void spanEventsGoButTheirSpansStayAndAnUntouchedBatchIsTheSameInstance() throws Exception {
        SpanBatch in = SpanBatch.of(fixtures.traceRequest(80), RequestMetadata.EMPTY);
        SpanBatch noEvents = SpanBatch.of(List.of(in.resourceSpans().get(0).toBuilder().setScopeSpans(0,
                in.resourceSpans().get(0).getScopeSpans(0).toBuilder().clearSpans()
                        .addSpans(Span.newBuilder().setName("plain"))).build()), RequestMetadata.EMPTY);
        var p = filter(settings(ErrorMode.PROPAGATE, null, List.of("name == \"task.retry\""), null, null, null), Signal.TRACES);
        List<Batch> got = h.run("traces", p, in, noEvents);
        List<Span> out = spans(List.of(got.get(0)));
        assertEquals(80, out.size());
        assertTrue(spans(List.of(in)).stream().anyMatch(s -> s.getEventsCount() > 0));
        assertTrue(out.stream().allMatch(s -> s.getEventsCount() == 0));
        assertEquals(spans(List.of(in)).stream().map(s -> s.toBuilder().clearEvents().build()).toList(), out);
        assertSame(noEvents, got.get(1), "nothing dropped: the same batch instance goes on");
        assertEquals(0, h.counter("otelcol_processor_filter_spans_filtered"));
    }

    @Test
    void metricsAndDataPointsGoAndEmptiedMetricsGoWithThem() throws Exception {
        MetricBatch in = MetricBatch.of(fixtures.metricsRequest(90), RequestMetadata.EMPTY);
        List<Metric> all = metrics(List.of(in));
        var p = filter(settings(ErrorMode.PROPAGATE, null, null, List.of("name == \"queue.depth\""),
                List.of("attributes[\"task.type\"] == \"research\"", "metric.name == \"task.duration\" and count > 200"), null),
                Signal.METRICS);
        List<Batch> got = h.run("metrics", p, in);
        int expectedPoints = 0;
        int expectedMetrics = 0;
        for (Metric m : all) {
            if (m.getName().equals("queue.depth")) {
                continue;
            }
            long kept = m.hasSum() ? m.getSum().getDataPointsList().stream()
                    .filter(d -> !"research".equals(attr(d.getAttributesList(), "task.type"))).count()
                    : m.getHistogram().getDataPointsList().stream().filter(d -> !"research".equals(attr(d.getAttributesList(), "task.type"))
                    && d.getCount() <= 200).count();
            expectedPoints += kept;
            expectedMetrics += kept > 0 ? 1 : 0;
        }
        List<Metric> out = metrics(got);
        assertEquals(expectedMetrics, out.size());
        assertEquals(expectedPoints, got.get(0).itemCount());
        assertEquals(expectedPoints, MetricBatch.countDataPoints(((MetricBatch) got.get(0)).resourceMetrics()));
        assertTrue(out.stream().noneMatch(m -> m.getName().equals("queue.depth")));
        for (Metric m : out) {
            List<NumberDataPoint> pts = m.hasSum() ? m.getSum().getDataPointsList() : List.of();
            assertTrue(pts.stream().noneMatch(d -> "research".equals(attr(d.getAttributesList(), "task.type"))));
            assertTrue(MetricBatch.dataPointCount(m) > 0, "no empty metric is passed on");
        }
        assertEquals(90 - expectedPoints, h.counter("otelcol_processor_filter_datapoints_filtered"));
    }

    @Test
    void logRecordsBelowWarnGoAndAFullyFilteredBatchIsNotPassedOn() throws Exception {
        LogBatch in = LogBatch.of(fixtures.logsRequest(100), RequestMetadata.EMPTY);
        LogBatch onlyInfo = LogBatch.of(List.of(in.resourceLogs().get(0).toBuilder().setScopeLogs(0,
                in.resourceLogs().get(0).getScopeLogs(0).toBuilder().clearLogRecords()
                        .addLogRecords(LogRecord.newBuilder().setSeverityNumberValue(9))).build()), RequestMetadata.EMPTY);
        var p = filter(settings(ErrorMode.PROPAGATE, null, null, null, null,
                List.of("severity_number < SEVERITY_NUMBER_WARN and event_name == \"\"")), Signal.LOGS);
        List<Batch> got = h.run("logs", p, in, onlyInfo);
        List<LogRecord> expected = logs(List.of(in)).stream()
                .filter(r -> r.getSeverityNumberValue() >= 13 || !r.getEventName().isEmpty()).toList();
        assertEquals(1, got.size(), "the batch left empty is not passed on");
        assertEquals(expected, logs(got));
        assertEquals(101 - expected.size(), h.counter("otelcol_processor_filter_logs_filtered"));
    }

    @Test
    void theOlderIncludeExcludeFormStillWorks() throws Exception {
        MatchProperties excludeGets = new MatchProperties(MatchType.REGEXP, List.of(), List.of("^GET ", "^cache\\."),
                List.of(), List.of(), List.of(new AttributeMatch("service.name", "^task-")), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), null, null, List.of(), List.of());
        FilterSettings s = new FilterSettings(ErrorMode.PROPAGATE, FilterSettings.Traces.defaults(),
                FilterSettings.Metrics.defaults(), FilterSettings.Logs.defaults(), new FilterSettings.Spans(null, excludeGets));
        SpanBatch in = SpanBatch.of(fixtures.traceRequest(50), RequestMetadata.EMPTY);
        List<Batch> got = h.run("traces", filter(s, Signal.TRACES), in);
        List<Span> expected = spans(List.of(in)).stream()
                .filter(sp -> !sp.getName().startsWith("GET ") && !sp.getName().startsWith("cache.")).toList();
        assertEquals(expected, spans(got));

        PipelineHarness h2 = new PipelineHarness();
        MatchProperties minWarn = new MatchProperties(MatchType.STRICT, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new AttributeMatch("service.name", "task-master")), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), null, new SeverityNumberMatch("WARN", false), List.of(), List.of());
        FilterSettings ls = new FilterSettings(ErrorMode.PROPAGATE, null, null, new FilterSettings.Logs(List.of(), minWarn, null), null);
        assertTrue(ls.validate().isEmpty(), ls.validate().toString());
        LogBatch logsIn = LogBatch.of(fixtures.logsRequest(60), RequestMetadata.EMPTY);
        List<Batch> gotLogs = h2.run("logs", new FilterFactory().create(h2.context("filter"), ls, Signal.LOGS, h2.out), logsIn);
        assertEquals(logs(List.of(logsIn)).stream().filter(r -> r.getSeverityNumberValue() >= 13).toList(), logs(gotLogs));

        PipelineHarness h3 = new PipelineHarness();
        FilterSettings ms = new FilterSettings(ErrorMode.PROPAGATE, null, new FilterSettings.Metrics(null, null,
                MatchProperties.metricNames(MatchType.STRICT, List.of("tasks.completed")), null), null, null);
        MetricBatch metricsIn = MetricBatch.of(fixtures.metricsRequest(60), RequestMetadata.EMPTY);
        List<Batch> gotMetrics = h3.run("metrics", new FilterFactory().create(h3.context("filter"), ms, Signal.METRICS, h3.out),
                metricsIn);
        assertTrue(metrics(gotMetrics).stream().allMatch(m -> m.getName().equals("tasks.completed")));
        assertEquals(20, gotMetrics.get(0).itemCount());
        assertEquals(40, h3.counter("otelcol_processor_filter_datapoints_filtered"));
    }

    @Test
    void errorModePropagateRefusesTheBatchIgnoreGoesOn() throws Exception {
        List<String> failing = List.of("ToLowerCase(attributes[\"task.priority\"]) == \"x\"", "name == \"llm.call\"");
        SpanBatch in = SpanBatch.of(fixtures.traceRequest(30), RequestMetadata.EMPTY);
        List<Batch> lost = h.run("traces", filter(settings(ErrorMode.PROPAGATE, failing, null, null, null, null), Signal.TRACES), in);
        assertTrue(lost.isEmpty(), "propagate: the error goes up and the batch does not go on");
        assertEquals(30, h.meters.find("meltgate_pipeline_dropped_spans").counter().count(), "and is counted as lost");

        PipelineHarness h2 = new PipelineHarness();
        var ignore = new FilterFactory().create(h2.context("filter"),
                settings(ErrorMode.IGNORE, failing, null, null, null, null), Signal.TRACES, h2.out);
        List<Batch> got = h2.run("traces", ignore, in);
        assertEquals(spans(List.of(in)).stream().filter(s -> !s.getName().equals("llm.call")).toList(), spans(got),
                "ignore: the failing condition is false, the next one still drops");
    }

    @Test
    void validateNamesTheOptionIndexAndColumn() {
        FilterSettings s = settings(ErrorMode.IGNORE, List.of("name == \"ok\"", "attributes[\"a\"] == 1 and nmae == 2"),
                null, null, List.of("metric.name == SUM"), null);
        List<String> problems = s.validate();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("traces.span[1]: column 26: unknown path \"nmae\""), problems.get(0));
        assertTrue(problems.get(1).startsWith("metrics.datapoint[0]: column 16: unknown enum \"SUM\""), problems.get(1));
        assertFalse(new FilterFactory().defaultSettings().validate().iterator().hasNext());
        assertEquals(AnyValue.getDefaultInstance(), Values.toAny(null));
    }
}
