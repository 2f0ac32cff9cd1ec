package io.meltgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.processor.tailsampling.policy.PolicySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Traces for the processor tests: spans of each trace spread over many batches, interleaved with others. */
final class TailSamplingTestData {

    /** One span as it was sent, with the service and scope it was sent under. */
    record SentSpan(Span span, String service, String scope) {
    }

    private final OtlpFixtures fixtures;
    final Map<ByteString, List<SentSpan>> traces = new LinkedHashMap<>();

    TailSamplingTestData(long seed) {
        this.fixtures = new OtlpFixtures(seed);
    }

    static ComponentContext context(MeterRegistry meters) {
        return new ComponentContext(ComponentId.of("tail_sampling"), ComponentKind.PROCESSOR, meters, (s, m) -> { });
    }

    static TailSamplingSettings settings(Duration wait, PolicySettings... policies) {
        return new TailSamplingFactory().defaultSettings().withDecisionWait(wait).withPolicies(List.of(policies));
    }

    /**
     * Adds a trace of {@code spans} spans, alternately under two services and two scopes.
     *
     * @param error whether one span has an error status
     * @param durationMs the trace's duration (earliest start to latest end)
     */
    ByteString addTrace(int spans, boolean error, long durationMs) {
        byte[] id = fixtures.traceId();
        ByteString traceId = ByteString.copyFrom(id);
        List<SentSpan> list = new ArrayList<>();
        long start = 1_764_000_000_000_000_000L;
        byte[] root = null;
        for (int i = 0; i < spans; i++) {
            Span s = fixtures.span(id, root);
            if (root == null) {
                root = s.getSpanId().toByteArray();
            }
            long st = start + i;
            long end = i == 0 ? start + durationMs * 1_000_000L : st + 1000;
            s = s.toBuilder().setStartTimeUnixNano(st).setEndTimeUnixNano(end)
                    .setStatus(Status.newBuilder().setCode(error && i == spans - 1
                            ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_OK)).build();
            list.add(new SentSpan(s, i % 2 == 0 ? "frontend" : "backend", i % 3 == 0 ? "io.a" : "io.b"));
        }
        traces.put(traceId, list);
        return traceId;
    }

    /**
     * The spans of every trace dealt round-robin into {@code batchCount} batches, so each trace is split across
     * batches and every batch mixes traces; within a batch spans are grouped by service and scope.
     */
    List<SpanBatch> batches(int batchCount) {
        List<List<SentSpan>> buckets = new ArrayList<>();
        for (int i = 0; i < batchCount; i++) {
            buckets.add(new ArrayList<>());
        }
        int next = 0;
        for (List<SentSpan> t : traces.values()) {
            for (SentSpan s : t) {
                buckets.get(next++ % batchCount).add(s);
            }
        }
        List<SpanBatch> out = new ArrayList<>();
        for (List<SentSpan> b : buckets) {
            if (!b.isEmpty()) {
                out.add(batchOf(b));
            }
        }
        return out;
    }

    static SpanBatch batchOf(List<SentSpan> spans) {
        Map<String, Map<String, List<Span>>> grouped = new LinkedHashMap<>();
        for (SentSpan s : spans) {
            grouped.computeIfAbsent(s.service(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(s.scope(), k -> new ArrayList<>()).add(s.span());
        }
        List<ResourceSpans> rss = new ArrayList<>();
        grouped.forEach((service, scopes) -> {
            ResourceSpans.Builder rs = ResourceSpans.newBuilder().setResource(OtlpFixtures.resource(service, 1))
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0");
            scopes.forEach((scope, list) -> rs.addScopeSpans(ScopeSpans.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName(scope)).addAllSpans(list)));
            rss.add(rs.build());
        });
        return SpanBatch.of(rss, RequestMetadata.EMPTY);
    }

    /** Everything that came out, span by span, with the service and scope it came out under. */
    static Map<ByteString, List<SentSpan>> received(List<Batch> batches) {
        Map<ByteString, List<SentSpan>> out = new HashMap<>();
        for (Batch b : batches) {
            for (ResourceSpans rs : ((SpanBatch) b).resourceSpans()) {
                String service = serviceName(rs.getResource());
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        out.computeIfAbsent(s.getTraceId(), k -> new ArrayList<>())
                                .add(new SentSpan(s, service, ss.getScope().getName()));
                    }
                }
            }
        }
        return out;
    }

    static String serviceName(Resource r) {
        for (KeyValue kv : r.getAttributesList()) {
            if (kv.getKey().equals("service.name")) {
                AnyValue v = kv.getValue();
                return v.getStringValue();
            }
        }
        return null;
    }
}
