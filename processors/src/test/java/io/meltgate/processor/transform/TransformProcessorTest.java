package io.meltgate.processor.transform;

import static io.meltgate.processor.support.PipelineHarness.logs;
import static io.meltgate.processor.support.PipelineHarness.metrics;
import static io.meltgate.processor.support.PipelineHarness.spans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
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
import io.meltgate.processor.support.PipelineHarness;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformProcessorTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(9);
    private final PipelineHarness h = new PipelineHarness();

    private static Object attr(List<KeyValue> kvs, String key) {
        return Values.fromAny(Values.lookup(kvs, key));
    }

    private List<Batch> run(String pipeline, Signal signal, TransformSettings s, Batch... in) throws Exception {
        assertTrue(s.validate().isEmpty(), s.validate().toString());
        return h.run(pipeline, new TransformFactory().create(h.context("transform"), s, signal, h.out), in);
    }

    @Test
    void groupsRewriteEverySpanAndOnlyWhatTheyTouch() throws Exception {
        SpanBatch in = SpanBatch.of(fixtures.traceRequest(40), RequestMetadata.EMPTY);
        TransformSettings s = new TransformSettings(ErrorMode.PROPAGATE, List.of(
                Map.of("context", "resource", "statements", List.of("set(attributes[\"deployment.region\"], \"eu-west-1\")")),
                Map.of("context", "span", "statements", List.of(
                        "set(attributes[\"env\"], resource.attributes[\"deployment.environment.name\"])",
                        "delete_key(attributes, \"http.request.method\")",
                        "set(name, ToUpperCase(name)) where kind == SPAN_KIND_SERVER"))), null, null);
        List<Batch> got = run("traces", Signal.TRACES, s, in);
        List<Span> before = spans(List.of(in));
        List<Span> after = spans(got);
        assertEquals(before.size(), after.size());
        assertEquals(in.itemCount(), got.get(0).itemCount());
        for (int i = 0; i < before.size(); i++) {
            Span b = before.get(i);
            Span a = after.get(i);
            assertEquals("production", attr(a.getAttributesList(), "env"));
            assertEquals(null, attr(a.getAttributesList(), "http.request.method"));
            assertEquals(b.getKindValue() == 2 ? b.getName().toUpperCase(Locale.ROOT) : b.getName(), a.getName());
            assertEquals(b.getTraceId(), a.getTraceId());
            assertEquals(b.getAttributesCount(), a.getAttributesCount(), "one added, one deleted");
        }
        assertEquals("eu-west-1", attr(((SpanBatch) got.get(0)).resourceSpans().get(0).getResource().getAttributesList(),
                "deployment.region"));
    }

    @Test
    void flatStatementsInferTheirContextAndConditionsGateAGroup() throws Exception {
        SpanBatch in = SpanBatch.of(fixtures.traceRequest(30), RequestMetadata.EMPTY);
        TransformSettings s = new TransformSettings(ErrorMode.IGNORE, List.of(
                "set(resource.attributes[\"team\"], \"tasks\")",
                "set(span.attributes[\"slow\"], true) where span.end_time_unix_nano - span.start_time_unix_nano > 500000000",
                Map.of("context", "span", "conditions", List.of("attributes[\"task.status\"] == \"failed\""),
                        "statements", List.of("set(status.message, \"task failed\")")),
                "set(spanevent.attributes[\"seen\"], span.name)"), null, null);
        List<Batch> got = run("traces", Signal.TRACES, s, in);
        List<Span> before = spans(List.of(in));
        List<Span> after = spans(got);
        for (int i = 0; i < before.size(); i++) {
            Span b = before.get(i);
            Span a = after.get(i);
            boolean slow = b.getEndTimeUnixNano() - b.getStartTimeUnixNano() > 500_000_000L;
            assertEquals(slow ? Boolean.TRUE : null, attr(a.getAttributesList(), "slow"));
            boolean failed = "failed".equals(attr(b.getAttributesList(), "task.status"));
            assertEquals(failed ? "task failed" : "", a.getStatus().getMessage());
            for (Span.Event e : a.getEventsList()) {
                assertEquals(b.getName(), attr(e.getAttributesList(), "seen"));
            }
        }
        assertEquals("tasks", attr(((SpanBatch) got.get(0)).resourceSpans().get(0).getResource().getAttributesList(), "team"));
    }

    @Test
    void metricAndDataPointStatements() throws Exception {
        MetricBatch in = MetricBatch.of(fixtures.metricsRequest(60), RequestMetadata.EMPTY);
        TransformSettings s = new TransformSettings(ErrorMode.PROPAGATE, null, List.of(
                Map.of("context", "metric", "statements", List.of("set(description, \"\") where type == METRIC_DATA_TYPE_GAUGE",
                        "set(name, Concat([\"taskmaster\", name], \".\"))")),
                Map.of("context", "datapoint", "statements", List.of("delete_key(attributes, \"research.source\")",
                        "set(attributes[\"metric\"], metric.name)"))), null);
        List<Batch> got = run("metrics", Signal.METRICS, s, in);
        List<Metric> before = metrics(List.of(in));
        List<Metric> after = metrics(got);
        assertEquals(before.size(), after.size());
        assertEquals(60, got.get(0).itemCount());
        for (int i = 0; i < before.size(); i++) {
            Metric b = before.get(i);
            Metric a = after.get(i);
            assertEquals("taskmaster." + b.getName(), a.getName());
            assertEquals(b.hasGauge() ? "" : b.getDescription(), a.getDescription());
            List<NumberDataPoint> pts = a.hasSum() ? a.getSum().getDataPointsList() : a.hasGauge() ? a.getGauge().getDataPointsList() : List.of();
            for (NumberDataPoint p : pts) {
                assertEquals(null, attr(p.getAttributesList(), "research.source"));
                assertEquals(a.getName(), attr(p.getAttributesList(), "metric"), "the datapoint group sees the renamed metric");
            }
            if (a.hasHistogram()) {
                a.getHistogram().getDataPointsList().forEach(p -> assertEquals(a.getName(), attr(p.getAttributesList(), "metric")));
                assertEquals(b.getHistogram().getDataPoints(0).getBucketCountsList(), a.getHistogram().getDataPoints(0).getBucketCountsList());
            }
        }
    }

    @Test
    void logBodiesAreRedactedAndAnUnchangedBatchIsTheSameInstance() throws Exception {
        LogBatch in = LogBatch.of(fixtures.logsRequest(50), RequestMetadata.EMPTY);
        TransformSettings s = new TransformSettings(ErrorMode.PROPAGATE, null, null, List.of(
                Map.of("context", "log", "statements", List.of(
                        "replace_pattern(body, \"task-(\\\\d+)\", \"task-$$1\", SHA256, \"task-%s\")",
                        "set(severity_text, \"WARN\") where severity_number == SEVERITY_NUMBER_ERROR and event_name == \"x\""))));
        List<Batch> got = run("logs", Signal.LOGS, s, in);
        List<LogRecord> before = logs(List.of(in));
        List<LogRecord> after = logs(got);
        // "$$1" is a literal "$1" (Go's expansion): every match becomes "task-" + SHA256 of the text "task-$1"
        String hashedLiteral = Values.hex(com.google.protobuf.ByteString.copyFrom(
                java.security.MessageDigest.getInstance("SHA-256").digest("task-$1".getBytes())));
        for (int i = 0; i < before.size(); i++) {
            String body = before.get(i).getBody().getStringValue();
            assertEquals(body.replaceAll("task-\\d+", "task-" + hashedLiteral), after.get(i).getBody().getStringValue());
            assertEquals(before.get(i).getSeverityText(), after.get(i).getSeverityText());
        }
        PipelineHarness h2 = new PipelineHarness();
        TransformSettings noop = new TransformSettings(ErrorMode.PROPAGATE, null, null,
                List.of("set(attributes[\"never\"], 1) where severity_number == 999"));
        LogBatch in2 = LogBatch.of(fixtures.logsRequest(20), RequestMetadata.EMPTY);
        List<Batch> got2 = h2.run("logs", new TransformFactory().create(h2.context("transform"), noop, Signal.LOGS, h2.out), in2);
        assertSame(in2, got2.get(0));
        assertNotSame(in, got.get(0));
    }

    @Test
    void replacePatternExpandsGroupsBeforeTheFunction() throws Exception {
        LogBatch in = LogBatch.of(fixtures.logsRequest(5), RequestMetadata.EMPTY);
        TransformSettings s = new TransformSettings(ErrorMode.PROPAGATE, null, null, List.of(
                "replace_pattern(log.body, \"(task-\\\\d+)\", \"$1\", SHA256, \"<%s>\")"));
        List<Batch> got = run("logs", Signal.LOGS, s, in);
        List<LogRecord> before = logs(List.of(in));
        for (int i = 0; i < before.size(); i++) {
            String body = before.get(i).getBody().getStringValue();
            String task = body.replaceAll("^Task (task-\\d+).*$", "$1");
            String hashed = Values.hex(com.google.protobuf.ByteString.copyFrom(
                    java.security.MessageDigest.getInstance("SHA-256").digest(task.getBytes())));
            assertEquals(body.replace(task, "<" + hashed + ">"), logs(got).get(i).getBody().getStringValue());
        }
    }

    @Test
    void validateNamesTheStatementAndColumn() {
        TransformSettings s = new TransformSettings(ErrorMode.PROPAGATE, List.of(
                Map.of("context", "span", "statements", List.of("set(name, \"a\")", "set(nmae, \"b\")")),
                Map.of("context", "datapoint", "statements", List.of("set(name, \"x\")")),
                Map.of("context", "span", "statement", List.of())), List.of("set(metric.name, 1 +)"), null);
        List<String> p = s.validate();
        assertTrue(p.contains("trace_statements[0].statements[1]: column 5: unknown path \"nmae\" in the span context in `set(nmae, \"b\")`"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("trace_statements[1].context: \"datapoint\" is not a traces context")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("trace_statements[2]: unknown key \"statement\"")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("metric_statements[0]: column 21: expected a value")), p.toString());
    }
}
