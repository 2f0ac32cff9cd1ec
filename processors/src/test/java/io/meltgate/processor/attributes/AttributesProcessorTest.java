package io.meltgate.processor.attributes;

import static io.meltgate.processor.support.PipelineHarness.logs;
import static io.meltgate.processor.support.PipelineHarness.metrics;
import static io.meltgate.processor.support.PipelineHarness.spans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.ottl.eval.Values;
import io.meltgate.processor.matching.MatchProperties;
import io.meltgate.processor.matching.MatchType;
import io.meltgate.processor.support.PipelineHarness;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesProcessorTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(10);
    private final PipelineHarness h = new PipelineHarness();

    private static Object attr(List<KeyValue> kvs, String key) {
        return Values.fromAny(Values.lookup(kvs, key));
    }

    private static ActionSettings action(ActionType type, String key, Object value) {
        return new ActionSettings(key, value, null, null, null, null, type);
    }

    private List<Batch> run(String pipeline, Signal signal, AttributesSettings s, Batch... in) throws Exception {
        assertTrue(s.validate().isEmpty(), s.validate().toString());
        return h.run(pipeline, new AttributesFactory().create(h.context("attributes"), s, signal, h.out), in);
    }

    @Test
    void everyActionOnSpansSelectedByInclude() throws Exception {
        SpanBatch in = SpanBatch.of(fixtures.traceRequest(40), new RequestMetadata("10.1.2.3:5000",
                Map.of("x-tenant", List.of("acme"))));
        MatchProperties onlyLlm = new MatchProperties(MatchType.STRICT, List.of("task-master"), List.of("llm.call", "db.query"),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                null, null, List.of(), List.of());
        AttributesSettings s = new AttributesSettings(List.of(
                action(ActionType.INSERT, "env", "prod"),
                action(ActionType.INSERT, "task.type", "never"),
                action(ActionType.UPDATE, "task.status", "seen"),
                action(ActionType.UPDATE, "absent", "never"),
                action(ActionType.UPSERT, "priority.copy", null).withFromAttribute("task.priority"),
                new ActionSettings("tenant", null, null, null, "metadata.x-tenant", null, ActionType.UPSERT),
                new ActionSettings("client", null, null, null, "client.address", null, ActionType.INSERT),
                action(ActionType.DELETE, "http.request.method", null),
                new ActionSettings(null, null, "^research\\.", null, null, null, ActionType.DELETE),
                action(ActionType.HASH, "task.id", null),
                new ActionSettings("task.id.parts", null, null, null, null, null, ActionType.UPSERT).withValue("task-42"),
                new ActionSettings("task.id.parts", null, "^(?P<id_prefix>[a-z]+)-(?P<id_number>\\d+)$", null, null, null,
                        ActionType.EXTRACT),
                new ActionSettings("http.response.status_code", null, null, null, null, "string", ActionType.CONVERT),
                new ActionSettings("task.cached", null, null, null, null, "int", ActionType.CONVERT)), onlyLlm, null);
        List<Batch> got = run("traces", Signal.TRACES, s, in);
        List<Span> before = spans(List.of(in));
        List<Span> after = spans(got);
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            Span b = before.get(i);
            Span a = after.get(i);
            boolean selected = b.getName().equals("llm.call") || b.getName().equals("db.query");
            if (!selected) {
                assertSame(b, a, "an item the include does not select is not touched");
                continue;
            }
            changed++;
            List<KeyValue> kv = a.getAttributesList();
            assertEquals("prod", attr(kv, "env"));
            assertEquals(attr(b.getAttributesList(), "task.type"), attr(kv, "task.type"), "insert never overwrites");
            assertEquals("seen", attr(kv, "task.status"));
            assertEquals(null, attr(kv, "absent"), "update never creates");
            assertEquals(attr(b.getAttributesList(), "task.priority"), attr(kv, "priority.copy"));
            assertEquals("acme", attr(kv, "tenant"));
            assertEquals("10.1.2.3:5000", attr(kv, "client"));
            assertEquals(null, attr(kv, "http.request.method"));
            assertEquals(null, attr(kv, "research.source"));
            assertEquals(AttributeActions.hash(AnyValue.newBuilder().setStringValue((String) attr(b.getAttributesList(), "task.id")).build()),
                    attr(kv, "task.id"));
            assertEquals(64, ((String) attr(kv, "task.id")).length());
            assertEquals("task", attr(kv, "id_prefix"));
            assertEquals("42", attr(kv, "id_number"));
            assertEquals(String.valueOf(attr(b.getAttributesList(), "http.response.status_code")), attr(kv, "http.response.status_code"));
            assertEquals(Boolean.TRUE.equals(attr(b.getAttributesList(), "task.cached")) ? 1L : 0L, attr(kv, "task.cached"));
        }
        assertTrue(changed > 3 && changed < 40, "the fixture must give a mix, got " + changed);
        assertEquals(in.itemCount(), got.get(0).itemCount());
    }

    @Test
    void logsAndMetricDataPointsToo() throws Exception {
        AttributesSettings s = new AttributesSettings(List.of(action(ActionType.UPSERT, "region", "eu"),
                action(ActionType.DELETE, "task.type", null)), null,
                MatchProperties.metricNames(MatchType.REGEXP, List.of("^queue\\.")));
        LogBatch logsIn = LogBatch.of(fixtures.logsRequest(20), RequestMetadata.EMPTY);
        List<Batch> gotLogs = run("logs", Signal.LOGS, s, logsIn);
        for (LogRecord r : logs(gotLogs)) {
            assertEquals("eu", attr(r.getAttributesList(), "region"));
            assertEquals(null, attr(r.getAttributesList(), "task.type"));
        }
        PipelineHarness h2 = new PipelineHarness();
        MetricBatch metricsIn = MetricBatch.of(fixtures.metricsRequest(30), RequestMetadata.EMPTY);
        List<Batch> got = h2.run("metrics", new AttributesFactory().create(h2.context("attributes"), s, Signal.METRICS, h2.out),
                metricsIn);
        List<Metric> before = metrics(List.of(metricsIn));
        List<Metric> after = metrics(got);
        for (int i = 0; i < after.size(); i++) {
            Metric m = after.get(i);
            if (m.getName().startsWith("queue.")) {
                assertSame(before.get(i), m, "excluded metric untouched");
            } else if (m.hasSum()) {
                m.getSum().getDataPointsList().forEach(p -> assertEquals("eu", attr(p.getAttributesList(), "region")));
            } else {
                m.getHistogram().getDataPointsList().forEach(p -> {
                    assertEquals("eu", attr(p.getAttributesList(), "region"));
                    assertEquals(null, attr(p.getAttributesList(), "task.type"));
                });
            }
        }
    }

    @Test
    void validateTellsWhatEachActionNeeds() {
        AttributesSettings s = new AttributesSettings(List.of(
                new ActionSettings(null, "v", null, null, null, null, ActionType.INSERT),
                new ActionSettings("k", "v", null, "other", null, null, ActionType.UPSERT),
                new ActionSettings(null, null, null, null, null, null, ActionType.DELETE),
                new ActionSettings("k", null, "(no-groups)", null, null, null, ActionType.EXTRACT),
                new ActionSettings("k", null, null, null, null, "float", ActionType.CONVERT),
                new ActionSettings("k", null, null, null, "auth.subject", null, ActionType.INSERT),
                new ActionSettings("k", "v", null, null, null, null, null)), null, null);
        assertEquals(List.of(
                "actions[0]: key is required for insert",
                "actions[1]: exactly one of value, from_attribute or from_context is required for upsert",
                "actions[2]: key or pattern is required for delete",
                "actions[3]: pattern needs at least one named group (?P<name>...) for extract",
                "actions[4]: converted_type must be int, double or string",
                "actions[5]: from_context must be client.address or metadata.<key>",
                "actions[6]: action is required (insert, update, upsert, delete, hash, extract, convert)"), s.validate());
        assertEquals(List.of("actions: at least one action is required"), new AttributesFactory().defaultSettings().validate());
    }
}
