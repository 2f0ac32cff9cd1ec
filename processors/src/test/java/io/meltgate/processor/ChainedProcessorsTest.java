package io.meltgate.processor;

import static io.meltgate.processor.support.PipelineHarness.spans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.ottl.ErrorMode;
import io.meltgate.ottl.eval.Values;
import io.meltgate.processor.attributes.ActionSettings;
import io.meltgate.processor.attributes.ActionType;
import io.meltgate.processor.attributes.AttributesFactory;
import io.meltgate.processor.attributes.AttributesSettings;
import io.meltgate.processor.filter.FilterFactory;
import io.meltgate.processor.filter.FilterSettings;
import io.meltgate.processor.resource.ResourceFactory;
import io.meltgate.processor.resource.ResourceSettings;
import io.meltgate.processor.support.PipelineHarness;
import io.meltgate.processor.transform.TransformFactory;
import io.meltgate.processor.transform.TransformSettings;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** filter, transform, attributes and resource chained in one pipeline, as a YAML would list them. */
class ChainedProcessorsTest {

    private static Object attr(List<KeyValue> kvs, String key) {
        return Values.fromAny(Values.lookup(kvs, key));
    }

    @Test
    void theSurvivorsArriveRewrittenByEveryStageAndTheDropsAreCounted() throws Exception {
        PipelineHarness h = new PipelineHarness();
        OtlpFixtures fixtures = new OtlpFixtures(12);
        SpanBatch a = SpanBatch.of(fixtures.traceRequest(70), RequestMetadata.EMPTY);
        SpanBatch b = SpanBatch.of(fixtures.traceRequest(30), RequestMetadata.EMPTY);

        BatchConsumer last = h.out;
        Processor resource = new ResourceFactory().create(h.context("resource"), new ResourceSettings(List.of(
                new ActionSettings("cloud.region", "eu-west-1", null, null, null, null, ActionType.UPSERT))), Signal.TRACES, last);
        Processor attributes = new AttributesFactory().create(h.context("attributes"), new AttributesSettings(List.of(
                new ActionSettings("task.id", null, null, null, null, null, ActionType.HASH)), null, null), Signal.TRACES, resource);
        Processor transform = new TransformFactory().create(h.context("transform"), new TransformSettings(ErrorMode.PROPAGATE,
                List.of(Map.of("context", "span", "statements", List.of("set(attributes[\"slow\"], true) where "
                        + "end_time_unix_nano - start_time_unix_nano > 500000000"))), null, null), Signal.TRACES, attributes);
        Processor filter = new FilterFactory().create(h.context("filter"), new FilterSettings(ErrorMode.PROPAGATE,
                new FilterSettings.Traces(List.of("name == \"cache.get\"", "attributes[\"task.status\"] == \"failed\""), List.of()),
                null, null, null), Signal.TRACES, transform);

        List<Batch> got = h.runChain("traces", List.of(filter, transform, attributes, resource), a, b);

        List<Span> sent = spans(List.of(a, b));
        List<Span> expected = sent.stream()
                .filter(s -> !s.getName().equals("cache.get") && !"failed".equals(attr(s.getAttributesList(), "task.status")))
                .toList();
        List<Span> arrived = spans(got);
        assertEquals(expected.size(), arrived.size());
        assertEquals(sent.size() - expected.size(), h.counter("otelcol_processor_filter_spans_filtered"));
        assertEquals(expected.size(), got.stream().mapToInt(Batch::itemCount).sum());
        for (int i = 0; i < expected.size(); i++) {
            Span e = expected.get(i);
            Span s = arrived.get(i);
            assertEquals(e.getSpanId(), s.getSpanId(), "same spans in the same order");
            boolean slow = e.getEndTimeUnixNano() - e.getStartTimeUnixNano() > 500_000_000L;
            assertEquals(slow ? Boolean.TRUE : null, attr(s.getAttributesList(), "slow"));
            String taskId = (String) attr(e.getAttributesList(), "task.id");
            assertEquals(io.meltgate.ottl.OttlParserTestAccess.sha256(taskId), attr(s.getAttributesList(), "task.id"));
        }
        for (Batch batch : got) {
            for (ResourceSpans rs : ((SpanBatch) batch).resourceSpans()) {
                assertEquals("eu-west-1", attr(rs.getResource().getAttributesList(), "cloud.region"));
            }
        }
        assertTrue(expected.size() > 20 && expected.size() < 100);
        assertEquals(AnyValue.ValueCase.STRING_VALUE, Values.toAny("x").getValueCase());
    }
}
