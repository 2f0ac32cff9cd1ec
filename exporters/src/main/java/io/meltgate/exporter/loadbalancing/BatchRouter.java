package io.meltgate.exporter.loadbalancing;

import com.google.protobuf.ByteString;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits a batch by backend: each item goes to the ring's backend for its routing key, and keeps its resource and
 * scope. A batch that goes whole to one backend is passed on as it is, without a copy.
 */
final class BatchRouter {

    private BatchRouter() {
    }

    static Map<String, Batch> route(Batch batch, RoutingKey key, HashRing ring) {
        Map<String, Batch> out = new LinkedHashMap<>();
        if (batch instanceof SpanBatch spans) {
            routeSpans(spans, key, ring).forEach((ep, list) -> out.put(ep, SpanBatch.of(list, batch.metadata())));
        } else if (batch instanceof LogBatch logs) {
            routeLogs(logs, key, ring).forEach((ep, list) -> out.put(ep, LogBatch.of(list, batch.metadata())));
        } else if (batch instanceof MetricBatch metrics) {
            routeMetrics(metrics, key, ring).forEach((ep, list) -> out.put(ep, MetricBatch.of(list, batch.metadata())));
        }
        if (out.size() == 1) {
            // Everything goes to one backend: hand on the original batch.
            String only = out.keySet().iterator().next();
            return Map.of(only, batch);
        }
        return out;
    }

    // ---- keys ----

    static String serviceName(Resource r) {
        for (KeyValue kv : r.getAttributesList()) {
            if (kv.getKey().equals("service.name")) {
                return kv.getValue().getStringValue();
            }
        }
        return "";
    }

    /** All resource attributes, sorted by key, as text: the same resource gives the same key in any order. */
    static String resourceKey(Resource r) {
        StringBuilder sb = new StringBuilder();
        r.getAttributesList().stream().sorted(Comparator.comparing(KeyValue::getKey))
                .forEach(kv -> sb.append(kv.getKey()).append('=').append(kv.getValue().toString().trim()).append(';'));
        return sb.toString();
    }

    private static String attributesKey(List<KeyValue> attrs) {
        StringBuilder sb = new StringBuilder();
        attrs.stream().sorted(Comparator.comparing(KeyValue::getKey))
                .forEach(kv -> sb.append(kv.getKey()).append('=').append(kv.getValue().toString().trim()).append(';'));
        return sb.toString();
    }

    private static String resourceLevelKey(Resource r, RoutingKey key) {
        return key == RoutingKey.SERVICE ? serviceName(r) : resourceKey(r);
    }

    private static long traceIdHash(ByteString traceId) {
        return HashRing.hash(traceId.toByteArray());
    }

    // ---- traces ----

    private static Map<String, List<ResourceSpans>> routeSpans(SpanBatch batch, RoutingKey key, HashRing ring) {
        Map<String, List<ResourceSpans>> out = new LinkedHashMap<>();
        for (ResourceSpans rs : batch.resourceSpans()) {
            if (key != RoutingKey.TRACE_ID) {
                String ep = ring.endpointFor(HashRing.hash(resourceLevelKey(rs.getResource(), key)));
                out.computeIfAbsent(ep, k -> new ArrayList<>()).add(rs);
                continue;
            }
            Map<String, ResourceSpans.Builder> perEndpoint = new LinkedHashMap<>();
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                Map<String, ScopeSpans.Builder> scoped = new LinkedHashMap<>();
                for (Span s : ss.getSpansList()) {
                    String ep = ring.endpointFor(traceIdHash(s.getTraceId()));
                    scoped.computeIfAbsent(ep, k -> ScopeSpans.newBuilder().setScope(ss.getScope())
                            .setSchemaUrl(ss.getSchemaUrl())).addSpans(s);
                }
                scoped.forEach((ep, b) -> perEndpoint.computeIfAbsent(ep, k -> ResourceSpans.newBuilder()
                        .setResource(rs.getResource()).setSchemaUrl(rs.getSchemaUrl())).addScopeSpans(b));
            }
            perEndpoint.forEach((ep, b) -> out.computeIfAbsent(ep, k -> new ArrayList<>()).add(b.build()));
        }
        return out;
    }

    // ---- logs ----

    private static Map<String, List<ResourceLogs>> routeLogs(LogBatch batch, RoutingKey key, HashRing ring) {
        Map<String, List<ResourceLogs>> out = new LinkedHashMap<>();
        for (ResourceLogs rl : batch.resourceLogs()) {
            if (key != RoutingKey.TRACE_ID) {
                String ep = ring.endpointFor(HashRing.hash(resourceLevelKey(rl.getResource(), key)));
                out.computeIfAbsent(ep, k -> new ArrayList<>()).add(rl);
                continue;
            }
            long resourceHash = HashRing.hash(resourceKey(rl.getResource()));
            Map<String, ResourceLogs.Builder> perEndpoint = new LinkedHashMap<>();
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                Map<String, ScopeLogs.Builder> scoped = new LinkedHashMap<>();
                for (LogRecord r : sl.getLogRecordsList()) {
                    // A record without a trace id goes with its resource, so the choice is stable.
                    long h = r.getTraceId().isEmpty() ? resourceHash : traceIdHash(r.getTraceId());
                    String ep = ring.endpointFor(h);
                    scoped.computeIfAbsent(ep, k -> ScopeLogs.newBuilder().setScope(sl.getScope())
                            .setSchemaUrl(sl.getSchemaUrl())).addLogRecords(r);
                }
                scoped.forEach((ep, b) -> perEndpoint.computeIfAbsent(ep, k -> ResourceLogs.newBuilder()
                        .setResource(rl.getResource()).setSchemaUrl(rl.getSchemaUrl())).addScopeLogs(b));
            }
            perEndpoint.forEach((ep, b) -> out.computeIfAbsent(ep, k -> new ArrayList<>()).add(b.build()));
        }
        return out;
    }

    // ---- metrics ----

    private static Map<String, List<ResourceMetrics>> routeMetrics(MetricBatch batch, RoutingKey key, HashRing ring) {
        Map<String, List<ResourceMetrics>> out = new LinkedHashMap<>();
        for (ResourceMetrics rm : batch.resourceMetrics()) {
            if (key == RoutingKey.SERVICE || key == RoutingKey.RESOURCE || key == RoutingKey.TRACE_ID) {
                String ep = ring.endpointFor(HashRing.hash(resourceLevelKey(rm.getResource(),
                        key == RoutingKey.TRACE_ID ? RoutingKey.SERVICE : key)));
                out.computeIfAbsent(ep, k -> new ArrayList<>()).add(rm);
                continue;
            }
            String resourceKey = resourceKey(rm.getResource());
            Map<String, ResourceMetrics.Builder> perEndpoint = new LinkedHashMap<>();
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                Map<String, ScopeMetrics.Builder> scoped = new LinkedHashMap<>();
                for (Metric m : sm.getMetricsList()) {
                    Map<String, Metric> parts = key == RoutingKey.METRIC
                            ? Map.of(ring.endpointFor(HashRing.hash(resourceKey + "|" + m.getName())), m)
                            : splitByStream(m, resourceKey, sm.getScope(), ring);
                    parts.forEach((ep, part) -> scoped.computeIfAbsent(ep, k -> ScopeMetrics.newBuilder()
                            .setScope(sm.getScope()).setSchemaUrl(sm.getSchemaUrl())).addMetrics(part));
                }
                scoped.forEach((ep, b) -> perEndpoint.computeIfAbsent(ep, k -> ResourceMetrics.newBuilder()
                        .setResource(rm.getResource()).setSchemaUrl(rm.getSchemaUrl())).addScopeMetrics(b));
            }
            perEndpoint.forEach((ep, b) -> out.computeIfAbsent(ep, k -> new ArrayList<>()).add(b.build()));
        }
        return out;
    }

    /** Splits a metric's data points by stream (resource, scope, metric name, point attributes). */
    private static Map<String, Metric> splitByStream(Metric m, String resourceKey, InstrumentationScope scope,
                                                     HashRing ring) {
        String prefix = resourceKey + "|" + scope.getName() + "@" + scope.getVersion() + "|" + m.getName() + "|";
        Function<List<KeyValue>, String> endpoint = attrs -> ring.endpointFor(HashRing.hash(prefix + attributesKey(attrs)));
        Map<String, Metric.Builder> parts = new LinkedHashMap<>();
        switch (m.getDataCase()) {
            case GAUGE -> m.getGauge().getDataPointsList().forEach(p -> parts.computeIfAbsent(endpoint.apply(
                    p.getAttributesList()), k -> m.toBuilder().clearGauge().setGauge(m.getGauge().toBuilder()
                    .clearDataPoints())).getGaugeBuilder().addDataPoints(p));
            case SUM -> m.getSum().getDataPointsList().forEach(p -> parts.computeIfAbsent(endpoint.apply(
                    p.getAttributesList()), k -> m.toBuilder().clearSum().setSum(m.getSum().toBuilder()
                    .clearDataPoints())).getSumBuilder().addDataPoints(p));
            case HISTOGRAM -> m.getHistogram().getDataPointsList().forEach(p -> parts.computeIfAbsent(endpoint.apply(
                    p.getAttributesList()), k -> m.toBuilder().clearHistogram().setHistogram(m.getHistogram().toBuilder()
                    .clearDataPoints())).getHistogramBuilder().addDataPoints(p));
            case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsList().forEach(p -> parts
                    .computeIfAbsent(endpoint.apply(p.getAttributesList()), k -> m.toBuilder().clearExponentialHistogram()
                            .setExponentialHistogram(m.getExponentialHistogram().toBuilder().clearDataPoints()))
                    .getExponentialHistogramBuilder().addDataPoints(p));
            case SUMMARY -> m.getSummary().getDataPointsList().forEach(p -> parts.computeIfAbsent(endpoint.apply(
                    p.getAttributesList()), k -> m.toBuilder().clearSummary().setSummary(m.getSummary().toBuilder()
                    .clearDataPoints())).getSummaryBuilder().addDataPoints(p));
            default -> {
                return Map.of(ring.endpointFor(HashRing.hash(prefix)), m);
            }
        }
        Map<String, Metric> out = new LinkedHashMap<>();
        parts.forEach((ep, b) -> out.put(ep, b.build()));
        return out;
    }
}
