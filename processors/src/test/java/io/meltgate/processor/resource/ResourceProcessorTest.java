package io.meltgate.processor.resource;

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
import io.meltgate.processor.attributes.ActionSettings;
import io.meltgate.processor.attributes.ActionType;
import io.meltgate.processor.support.PipelineHarness;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceProcessorTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(11);

    @Test
    void actionsEditResourceAttributesOfEverySignal() throws Exception {
        ResourceSettings s = new ResourceSettings(List.of(
                new ActionSettings("cloud.region", "eu-west-1", null, null, null, null, ActionType.UPSERT),
                new ActionSettings("host.name", null, null, null, null, null, ActionType.DELETE),
                new ActionSettings(null, null, "^telemetry\\.sdk\\.", null, null, null, ActionType.DELETE),
                new ActionSettings("service.name", "never", null, null, null, null, ActionType.INSERT)));
        assertTrue(s.validate().isEmpty(), s.validate().toString());
        Batch[] inputs = {SpanBatch.of(fixtures.traceRequest(10), RequestMetadata.EMPTY),
                MetricBatch.of(fixtures.metricsRequest(10), RequestMetadata.EMPTY),
                LogBatch.of(fixtures.logsRequest(10), RequestMetadata.EMPTY)};
        Signal[] signals = {Signal.TRACES, Signal.METRICS, Signal.LOGS};
        String[] pipelines = {"traces", "metrics", "logs"};
        for (int i = 0; i < 3; i++) {
            PipelineHarness h = new PipelineHarness();
            List<Batch> got = h.run(pipelines[i], new ResourceFactory().create(h.context("resource"), s, signals[i], h.out),
                    inputs[i]);
            Resource r = switch (signals[i]) {
                case TRACES -> ((SpanBatch) got.get(0)).resourceSpans().get(0).getResource();
                case METRICS -> ((MetricBatch) got.get(0)).resourceMetrics().get(0).getResource();
                case LOGS -> ((LogBatch) got.get(0)).resourceLogs().get(0).getResource();
            };
            assertEquals("eu-west-1", Values.fromAny(Values.lookup(r.getAttributesList(), "cloud.region")));
            assertEquals("task-master", Values.fromAny(Values.lookup(r.getAttributesList(), "service.name")));
            assertEquals(null, Values.lookup(r.getAttributesList(), "host.name"));
            assertTrue(r.getAttributesList().stream().noneMatch(kv -> kv.getKey().startsWith("telemetry.sdk.")));
            assertEquals(inputs[i].itemCount(), got.get(0).itemCount());
        }
        PipelineHarness h = new PipelineHarness();
        ResourceSettings noop = new ResourceSettings(List.of(new ActionSettings("absent", "x", null, null, null, null, ActionType.UPDATE)));
        SpanBatch in = SpanBatch.of(fixtures.traceRequest(5), RequestMetadata.EMPTY);
        assertSame(in, h.run("traces", new ResourceFactory().create(h.context("resource"), noop, Signal.TRACES, h.out), in).get(0));
    }
}
