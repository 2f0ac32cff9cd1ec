package io.meltgate.exporter.loadbalancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchRouterTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(3);
    private final HashRing ring = new HashRing(List.of("a:4317", "b:4317", "c:4317"));

    @Test
    void splittingByTraceIdSendsEachTraceToOneBackendAndKeepsResourceAndScope() {
        ExportTraceServiceRequest r = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(fixtures.resourceSpans(100, "frontend"))
                .addResourceSpans(fixtures.resourceSpans(100, "backend")).build();
        SpanBatch batch = SpanBatch.of(r, RequestMetadata.EMPTY);
        Map<String, Batch> parts = BatchRouter.route(batch, RoutingKey.TRACE_ID, ring);
        assertEquals(3, parts.size());
        Map<ByteString, String> backendOfTrace = new HashMap<>();
        int spans = 0;
        for (Map.Entry<String, Batch> e : parts.entrySet()) {
            for (ResourceSpans rs : ((SpanBatch) e.getValue()).resourceSpans()) {
                ResourceSpans original = r.getResourceSpansList().stream()
                        .filter(o -> o.getResource().equals(rs.getResource())).findFirst().orElseThrow();
                assertEquals(original.getSchemaUrl(), rs.getSchemaUrl());
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    assertEquals(original.getScopeSpans(0).getScope(), ss.getScope());
                    for (Span s : ss.getSpansList()) {
                        spans++;
                        assertTrue(original.getScopeSpans(0).getSpansList().contains(s), "a span stays under its resource");
                        String prev = backendOfTrace.put(s.getTraceId(), e.getKey());
                        assertTrue(prev == null || prev.equals(e.getKey()), "a trace never spans two backends");
                    }
                }
            }
        }
        assertEquals(200, spans);
        assertEquals(200, parts.values().stream().mapToInt(Batch::itemCount).sum());
    }

    @Test
    void aBatchForOneBackendIsHandedOnWithoutACopy() {
        SpanBatch one = SpanBatch.of(fixtures.traceRequest(5), RequestMetadata.EMPTY);
        Map<String, Batch> parts = BatchRouter.route(one, RoutingKey.TRACE_ID, ring);
        assertEquals(1, parts.size());
        assertSame(one, parts.values().iterator().next());
    }

    @Test
    void serviceRoutingKeepsAResourceWhole() {
        ExportTraceServiceRequest r = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(fixtures.resourceSpans(50, "frontend"))
                .addResourceSpans(fixtures.resourceSpans(50, "frontend"))
                .addResourceSpans(fixtures.resourceSpans(50, "backend")).build();
        Map<String, Batch> parts = BatchRouter.route(SpanBatch.of(r, RequestMetadata.EMPTY), RoutingKey.SERVICE, ring);
        Map<String, String> backendOfService = new HashMap<>();
        parts.forEach((ep, b) -> ((SpanBatch) b).resourceSpans().forEach(rs -> {
            String svc = BatchRouter.serviceName(rs.getResource());
            String prev = backendOfService.put(svc, ep);
            assertTrue(prev == null || prev.equals(ep));
            assertEquals(50, rs.getScopeSpans(0).getSpansCount(), "a resource is not split");
        }));
    }

    @Test
    void streamIdRoutingSendsEachSeriesToOneBackend() {
        MetricBatch batch = MetricBatch.of(fixtures.metricsRequest(300), RequestMetadata.EMPTY);
        Map<String, String> backendOfSeries = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            Map<String, Batch> parts = BatchRouter.route(batch, RoutingKey.STREAM_ID, ring);
            assertEquals(batch.itemCount(), parts.values().stream().mapToInt(Batch::itemCount).sum());
            parts.forEach((ep, b) -> {
                for (ResourceMetrics rm : ((MetricBatch) b).resourceMetrics()) {
                    for (Metric m : rm.getScopeMetrics(0).getMetricsList()) {
                        String series = switch (m.getDataCase()) {
                            case SUM -> m.getName() + m.getSum().getDataPoints(0).getAttributesList();
                            case GAUGE -> m.getName() + m.getGauge().getDataPoints(0).getAttributesList();
                            default -> m.getName() + m.getHistogram().getDataPoints(0).getAttributesList();
                        };
                        String prev = backendOfSeries.put(series, ep);
                        assertTrue(prev == null || prev.equals(ep), "a series always goes to the same backend");
                    }
                }
            });
        }
        assertTrue(backendOfSeries.values().stream().distinct().count() > 1, "series spread over backends");
    }
}
