package io.meltgate.processor.tailsampling;

import static io.meltgate.processor.tailsampling.TailSamplingTestData.context;
import static io.meltgate.processor.tailsampling.TailSamplingTestData.received;
import static io.meltgate.processor.tailsampling.TailSamplingTestData.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LazyResources;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.otlp.wire.ExportRequestDecoder;
import io.meltgate.core.testing.RecordingConsumer;
import io.meltgate.processor.tailsampling.TailSamplingTestData.SentSpan;
import io.meltgate.processor.tailsampling.policy.PolicySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processor on received bytes (batches that carry {@link Batch#wireOf}) against the same batches decoded only:
 * same decisions, same released spans; released batches carry bytes and stay bounded.
 */
class TailSamplingWireTest {

    private static final Duration WAIT = Duration.ofMillis(200);

    /** The batch as the receiver gives it: decoded entries plus their slices of the received request. */
    static SpanBatch withWire(SpanBatch decoded) throws Exception {
        var d = ExportRequestDecoder.traces(decoded.toRequest().toByteArray());
        return SpanBatch.of(d.request().getResourceSpansList(), d.wire(), RequestMetadata.EMPTY);
    }

    /** Traces with errors, slow ones, trace flags and trace state on some spans, split over interleaved batches. */
    private static TailSamplingTestData data() {
        TailSamplingTestData data = new TailSamplingTestData(21);
        for (int i = 0; i < 300; i++) {
            data.addTrace(1 + i % 6, i % 7 == 0, i % 11 == 0 ? 1500 : 20);
        }
        int n = 0;
        for (List<SentSpan> spans : data.traces.values()) {
            for (int i = 0; i < spans.size(); i++) {
                SentSpan s = spans.get(i);
                Span.Builder b = s.span().toBuilder();
                if (n % 13 == 0) {
                    b.setFlags(0x101);
                }
                if (n % 17 == 0) {
                    b.setTraceState("ot=th:8,vendor=blue");
                }
                spans.set(i, new SentSpan(b.build(), s.service(), s.scope()));
                n++;
            }
        }
        return data;
    }

    static List<List<PolicySettings>> policySets() {
        PolicySettings errors = PolicySettings.of("errors", "status_code")
                .withStatusCode(new PolicySettings.StatusCode(List.of("ERROR")));
        PolicySettings slow = PolicySettings.of("slow", "latency").withLatency(new PolicySettings.Latency(1000, 0));
        PolicySettings tenPercent = PolicySettings.of("ten", "probabilistic")
                .withProbabilistic(new PolicySettings.Probabilistic("", 10));
        PolicySettings plan = PolicySettings.of("plan", "string_attribute").withStringAttribute(
                new PolicySettings.StringAttribute("task.type", List.of("plan"), false, 0, false));
        PolicySettings backend = PolicySettings.of("backend", "string_attribute").withStringAttribute(
                new PolicySettings.StringAttribute("service.name", List.of("backend"), false, 0, true));
        return List.of(
                List.of(errors, slow, tenPercent),
                List.of(PolicySettings.of("flags", "trace_flags"), slow),
                List.of(PolicySettings.of("ok-or-unset", "status_code")
                        .withStatusCode(new PolicySettings.StatusCode(List.of("OK", "UNSET")))),
                List.of(plan, errors),
                List.of(backend),
                List.of(PolicySettings.of("prio", "numeric_attribute")
                        .withNumericAttribute(new PolicySettings.NumericAttribute("task.priority", 4, 4, false))),
                List.of(PolicySettings.of("cached", "boolean_attribute")
                        .withBooleanAttribute(new PolicySettings.BooleanAttribute("task.cached", true, false))),
                List.of(PolicySettings.of("state", "trace_state")
                        .withTraceState(new PolicySettings.TraceState("vendor", List.of("blue")))),
                List.of(PolicySettings.of("ottl", "ottl_condition").withOttlCondition(new PolicySettings.OttlCondition(
                        "", List.of("attributes[\"task.type\"] == \"code\" and resource.attributes[\"service.name\"]"
                                + " == \"frontend\""), List.of()))),
                List.of(PolicySettings.of("both", "and").withAnd(new PolicySettings.And(List.of(errors, plan)))),
                List.of(PolicySettings.of("all", "always_sample"), PolicySettings.of("no-plan", "drop")
                        .withDrop(new PolicySettings.Drop(List.of(plan)))),
                List.of(PolicySettings.of("big", "span_count").withSpanCount(new PolicySettings.SpanCount(4, 0)),
                        errors));
    }

    private record Run(double sampled, double notSampled, double dropped, List<Batch> batches) {

        /** The released spans by trace (reading them parses the released batches). */
        Map<ByteString, List<SentSpan>> released() {
            return received(batches);
        }
    }

    private static Run run(List<PolicySettings> policies, List<SpanBatch> batches) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters),
                settings(WAIT, policies.toArray(PolicySettings[]::new)), out);
        for (SpanBatch b : batches) {
            p.consume(b);
        }
        p.flush();
        return new Run(global(meters, "sampled"), global(meters, "not_sampled"),
                global(meters, "dropped"), out.batches());
    }

    private static double global(SimpleMeterRegistry meters, String decision) {
        return meters.find(TailSamplingMetrics.PREFIX + "global_count_traces_sampled").tag("decision", decision)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @ParameterizedTest
    @MethodSource("policySets")
    void receivedBytesAndDecodedBatchesGiveTheSameDecisionsAndTheSameSpans(List<PolicySettings> policies)
            throws Exception {
        TailSamplingTestData data = data();
        List<SpanBatch> decoded = data.batches(25);
        List<SpanBatch> wire = new ArrayList<>();
        for (SpanBatch b : decoded) {
            wire.add(withWire(b));
            assertNotNull(wire.get(wire.size() - 1).wireOf(0));
        }
        Run fromBytes = run(policies, wire);
        Run fromDecoded = run(policies, decoded);
        // As the receiver hands them on: lazy entries, unparsed, or parsed on its threads for a reading pipeline.
        List<SpanBatch> lazy = new ArrayList<>();
        List<SpanBatch> lazyParsed = new ArrayList<>();
        for (SpanBatch b : wire) {
            List<ByteString> bytes = new ArrayList<>();
            for (int r = 0; r < b.resourceCount(); r++) {
                bytes.add(b.wireOf(r));
            }
            lazy.add(new SpanBatch(LazyResources.spans(bytes), b.itemCount(), RequestMetadata.EMPTY, bytes));
            SpanBatch parsed = new SpanBatch(LazyResources.spans(bytes), b.itemCount(), RequestMetadata.EMPTY, bytes);
            LazyResources.parseAll(parsed);
            lazyParsed.add(parsed);
        }
        for (Run other : List.of(run(policies, lazy), run(policies, lazyParsed))) {
            assertEquals(fromBytes.sampled(), other.sampled());
            assertEquals(fromBytes.dropped(), other.dropped());
            assertEquals(normalized(fromBytes.released()), normalized(other.released()));
        }
        assertEquals(fromDecoded.sampled(), fromBytes.sampled(), "sampled traces");
        assertEquals(fromDecoded.notSampled(), fromBytes.notSampled(), "not sampled traces");
        assertEquals(fromDecoded.dropped(), fromBytes.dropped(), "dropped traces");
        assertEquals(300, fromBytes.sampled() + fromBytes.notSampled() + fromBytes.dropped());
        assertEquals(normalized(fromDecoded.released()), normalized(fromBytes.released()), "same spans released");
        // Both are what was sent, whole, for the traces sampled.
        for (var e : fromBytes.released().entrySet()) {
            assertEquals(normalized(Map.of(e.getKey(), data.traces.get(e.getKey()))),
                    normalized(Map.of(e.getKey(), e.getValue())), "a sampled trace leaves whole and unchanged");
        }
    }

    /** Spans per trace as a set (order within a trace may differ between batches). */
    private static Map<ByteString, Set<SentSpan>> normalized(Map<ByteString, List<SentSpan>> m) {
        return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new HashSet<>(e.getValue())));
    }

    @Test
    void receiversParseForThisProcessorOnlyWhenAPolicyLooksInsideSpans() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<List<PolicySettings>> sets = policySets();
        assertFalse(new TailSamplingProcessor(context(meters), settings(WAIT, sets.get(0).toArray(PolicySettings[]::new)),
                new RecordingConsumer()).readsItems(), "status_code, latency, probabilistic: read from the bytes");
        assertFalse(new TailSamplingProcessor(context(meters), settings(WAIT, sets.get(1).toArray(PolicySettings[]::new)),
                new RecordingConsumer()).readsItems(), "trace_flags: read from the bytes");
        assertTrue(new TailSamplingProcessor(context(meters), settings(WAIT, sets.get(3).toArray(PolicySettings[]::new)),
                new RecordingConsumer()).readsItems(), "string_attribute: spans are parsed");
    }

    @Test
    void releasedBatchesCarryTheirBytesAndAreParsedOnlyWhenRead() throws Exception {
        TailSamplingTestData data = data();
        List<SpanBatch> wire = new ArrayList<>();
        for (SpanBatch b : data.batches(10)) {
            wire.add(withWire(b));
        }
        Run r = run(List.of(PolicySettings.of("all", "always_sample")), wire);
        assertFalse(r.batches().isEmpty());
        long items = 0;
        for (Batch b : r.batches()) {
            SpanBatch sb = (SpanBatch) b;
            assertTrue(sb.resourceSpans() instanceof LazyResources<?>, "released entries are kept as bytes");
            LazyResources<?> lazy = (LazyResources<?>) sb.resourceSpans();
            for (int i = 0; i < sb.resourceCount(); i++) {
                assertNotNull(sb.wireOf(i), "an exporter can copy the entry");
                assertFalse(lazy.isParsed(i), "nothing parsed the released spans");
                assertEquals(sb.wireOf(i), ResourceSpans.parseFrom(sb.wireOf(i)).toByteString(),
                        "the assembled entry is canonical protobuf");
            }
            items += b.itemCount();
            assertEquals(SpanBatch.countSpans(sb.resourceSpans()), b.itemCount(), "item count matches the spans");
        }
        int sent = data.traces.values().stream().mapToInt(List::size).sum();
        assertEquals(sent, items);
        assertEquals(normalized(data.traces), normalized(r.released()), "every span, unchanged, in its resource and scope");
    }

    @Test
    void releasedBatchesAreBoundedAndNeverSplitATrace() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(22);
        for (int i = 0; i < 5000; i++) {
            data.addTrace(5, false, 10);
        }
        List<SpanBatch> wire = new ArrayList<>();
        for (SpanBatch b : data.batches(50)) {
            wire.add(withWire(b));
        }
        Run r = run(List.of(PolicySettings.of("all", "always_sample")), wire);
        assertTrue(r.batches().size() >= 25000 / TailSamplingProcessor.MAX_RELEASE_SPANS,
                "one flush released " + r.batches().size() + " batches");
        long total = 0;
        for (Batch b : r.batches()) {
            assertTrue(b.itemCount() <= TailSamplingProcessor.MAX_RELEASE_SPANS, "batch of " + b.itemCount());
            total += b.itemCount();
            received(List.of(b)).forEach((id, spans) -> assertEquals(5, spans.size(), "a trace leaves in one batch"));
        }
        assertEquals(25000, total);
    }

    @Test
    void lateSpansOnReceivedBytesFollowTheDecisionAndAreCounted() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(23);
        ByteString failed = data.addTrace(4, true, 10);
        ByteString fine = data.addTrace(4, false, 10);
        List<SentSpan> f = data.traces.get(failed);
        List<SentSpan> ok = data.traces.get(fine);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters), settings(WAIT,
                PolicySettings.of("errors", "status_code")
                        .withStatusCode(new PolicySettings.StatusCode(List.of("ERROR")))), out);
        p.consume(withWire(TailSamplingTestData.batchOf(List.of(f.get(3), f.get(0), ok.get(0), ok.get(1)))));
        p.onTick(System.nanoTime() + WAIT.toNanos());
        assertEquals(2, out.itemCount(), "the failed trace is sampled");
        p.consume(withWire(TailSamplingTestData.batchOf(List.of(f.get(1), ok.get(2), f.get(2), ok.get(3)))));
        assertEquals(4, out.itemCount(), "its late spans pass at once, the other's are dropped");
        assertEquals(0, p.tracesOnMemory(), "late spans start no new trace");
        assertEquals(Set.of(failed), received(out.batches()).keySet());
        assertEquals(2, meters.find("meltgate_processor_tail_sampling_late_spans_dropped").counter().count());
        assertEquals(4, meters.find(TailSamplingMetrics.PREFIX + "sampling_late_span_age").summary().count(),
                "each late trace records its age once per resource entry, as the Collector's sampling_late_span_age");
        // Two late spans of one trace in one resource entry (two scopes): one record.
        p.consume(withWire(TailSamplingTestData.batchOf(List.of(f.get(0), f.get(2)))));
        assertEquals(6, out.itemCount());
        assertEquals(5, meters.find(TailSamplingMetrics.PREFIX + "sampling_late_span_age").summary().count());
        assertEquals(0, meters.find(TailSamplingMetrics.PREFIX + "early_releases_from_cache_decision").counters()
                .stream().mapToDouble(c -> c.count()).sum(), "no decision cache configured: no early release");
    }

    @Test
    void withDecisionCachesLateSpansCountAsEarlyReleasesPerSpan() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(24);
        ByteString failed = data.addTrace(4, true, 10);
        ByteString fine = data.addTrace(4, false, 10);
        List<SentSpan> f = data.traces.get(failed);
        List<SentSpan> ok = data.traces.get(fine);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters), settings(WAIT,
                PolicySettings.of("errors", "status_code")
                        .withStatusCode(new PolicySettings.StatusCode(List.of("ERROR")))).withDecisionCache(10, 10), out);
        p.consume(withWire(TailSamplingTestData.batchOf(List.of(f.get(3), ok.get(0)))));
        p.onTick(System.nanoTime() + WAIT.toNanos());
        p.consume(withWire(TailSamplingTestData.batchOf(List.of(f.get(0), f.get(1), f.get(2), ok.get(1), ok.get(2)))));
        assertEquals(4, out.itemCount());
        var early = meters.find(TailSamplingMetrics.PREFIX + "early_releases_from_cache_decision");
        assertEquals(3, early.tag("sampled", "true").counter().count(), "counted in spans, as the Collector");
        assertEquals(2, meters.find(TailSamplingMetrics.PREFIX + "early_releases_from_cache_decision")
                .tag("sampled", "false").counter().count());
    }

    @Test
    void statusCodeLatencyAndProbabilisticNeverParseASpanOrResource() throws Exception {
        // A span whose name is not UTF-8: protobuf refuses to parse it, so any parse would fail the batch.
        TailSamplingTestData data = new TailSamplingTestData(25);
        ByteString id = data.addTrace(3, true, 10);
        SpanBatch decoded = TailSamplingTestData.batchOf(data.traces.get(id));
        SpanBatch poisoned = poison(withWire(decoded));
        assertThrows(Exception.class, () -> ResourceSpans.parseFrom(poisoned.wireOf(0)), "the bytes do not parse");

        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor cheap = new TailSamplingProcessor(context(new SimpleMeterRegistry()), settings(WAIT,
                PolicySettings.of("errors", "status_code")
                        .withStatusCode(new PolicySettings.StatusCode(List.of("ERROR"))),
                PolicySettings.of("slow", "latency").withLatency(new PolicySettings.Latency(1000, 0)),
                PolicySettings.of("ten", "probabilistic").withProbabilistic(new PolicySettings.Probabilistic("", 10))),
                out);
        cheap.consume(poisoned);
        cheap.flush();
        assertEquals(3, out.itemCount(), "decided and released without parsing");

        TailSamplingProcessor reading = new TailSamplingProcessor(context(new SimpleMeterRegistry()), settings(WAIT,
                PolicySettings.of("plan", "string_attribute").withStringAttribute(
                        new PolicySettings.StringAttribute("task.type", List.of("plan"), false, 0, false))),
                new RecordingConsumer());
        assertThrows(Exception.class, () -> reading.consume(poisoned), "an attribute policy does parse the spans");
    }

    /** Appends to every span entry a second {@code name} (field 5) that is not UTF-8. */
    private static SpanBatch poison(SpanBatch batch) throws Exception {
        List<ByteString> wire = new ArrayList<>();
        for (int r = 0; r < batch.resourceCount(); r++) {
            ResourceSpans rs = batch.resourceSpans().get(r);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream o = CodedOutputStream.newInstance(bytes);
            o.writeMessage(1, rs.getResource());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                ByteArrayOutputStream sb = new ByteArrayOutputStream();
                CodedOutputStream so = CodedOutputStream.newInstance(sb);
                so.writeMessage(1, ss.getScope());
                for (Span s : ss.getSpansList()) {
                    byte[] span = s.toByteArray();
                    byte[] bad = {(byte) ((5 << 3) | 2), 2, (byte) 0xff, (byte) 0xfe};
                    so.writeUInt32NoTag((2 << 3) | 2);
                    so.writeUInt32NoTag(span.length + bad.length);
                    so.writeRawBytes(span);
                    so.writeRawBytes(bad);
                }
                so.flush();
                o.writeByteArray(2, sb.toByteArray());
            }
            o.writeString(3, rs.getSchemaUrl());
            o.flush();
            wire.add(ByteString.copyFrom(bytes.toByteArray()));
        }
        // As the receiver hands them on: entries kept as bytes, parsed when first read.
        return new SpanBatch(LazyResources.spans(wire), batch.itemCount(), RequestMetadata.EMPTY, wire);
    }

    @Test
    void fieldsInAnyOrderAreReadAsProtobufReadsThem() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(26);
        ByteString id = data.addTrace(3, true, 10);
        ResourceSpans rs = TailSamplingTestData.batchOf(data.traces.get(id)).resourceSpans().get(0);
        ScopeSpans ss = rs.getScopeSpans(0).toBuilder().clearSpans()
                .addAllSpans(data.traces.get(id).stream().map(SentSpan::span).toList()).build();
        // ResourceSpans as schema_url, scope_spans, resource; ScopeSpans as spans, schema_url, scope; each span with
        // its trace id last.
        ByteArrayOutputStream scope = new ByteArrayOutputStream();
        CodedOutputStream so = CodedOutputStream.newInstance(scope);
        ByteArrayOutputStream spansAsSent = new ByteArrayOutputStream();
        CodedOutputStream sas = CodedOutputStream.newInstance(spansAsSent);
        for (Span s : ss.getSpansList()) {
            byte[] rest = s.toBuilder().clearTraceId().build().toByteArray();
            ByteArrayOutputStream span = new ByteArrayOutputStream();
            CodedOutputStream sp = CodedOutputStream.newInstance(span);
            sp.writeRawBytes(rest);
            sp.writeBytes(1, s.getTraceId());
            sp.flush();
            so.writeByteArray(2, span.toByteArray());
            sas.writeByteArray(2, span.toByteArray());
        }
        sas.flush();
        so.writeString(3, "https://scope.schema");
        so.writeMessage(1, ss.getScope());
        so.flush();
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(entry);
        o.writeString(3, rs.getSchemaUrl());
        o.writeByteArray(2, scope.toByteArray());
        o.writeMessage(1, rs.getResource());
        o.flush();
        ByteString wire = ByteString.copyFrom(entry.toByteArray());
        ResourceSpans expected = ResourceSpans.parseFrom(wire);
        assertEquals("https://scope.schema", expected.getScopeSpans(0).getSchemaUrl());

        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(context(new SimpleMeterRegistry()), settings(WAIT,
                PolicySettings.of("errors", "status_code")
                        .withStatusCode(new PolicySettings.StatusCode(List.of("ERROR")))), out);
        p.consume(new SpanBatch(List.of(expected), 3, RequestMetadata.EMPTY, List.of(wire)));
        assertEquals(1, p.tracesOnMemory(), "the trace id was found after the other fields");
        p.flush();
        assertEquals(3, out.itemCount(), "the error status was read");
        SpanBatch released = (SpanBatch) out.batches().get(0);
        assertEquals(List.of(expected), released.resourceSpans(), "released as received, resource and scope included");
        // Each message's own fields around its repeated field, in field order; the spans as they came.
        ByteArrayOutputStream scopeInOrder = new ByteArrayOutputStream();
        CodedOutputStream sio = CodedOutputStream.newInstance(scopeInOrder);
        sio.writeMessage(1, ss.getScope());
        sio.writeRawBytes(spansAsSent.toByteArray());
        sio.writeString(3, "https://scope.schema");
        sio.flush();
        ByteArrayOutputStream inOrder = new ByteArrayOutputStream();
        CodedOutputStream io = CodedOutputStream.newInstance(inOrder);
        io.writeMessage(1, rs.getResource());
        io.writeByteArray(2, scopeInOrder.toByteArray());
        io.writeString(3, rs.getSchemaUrl());
        io.flush();
        assertEquals(ByteString.copyFrom(inOrder.toByteArray()), released.wireOf(0), "written in field order");
    }

    @Test
    void aBatchThatFailsPartWayLeavesNothingHalfDoneForTheNext() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(27);
        ByteString a = data.addTrace(3, false, 10);
        ByteString b = data.addTrace(1, false, 10);
        List<Span> spansOfA = data.traces.get(a).stream().map(SentSpan::span).toList();
        ResourceSpans template = TailSamplingTestData.batchOf(data.traces.get(a)).resourceSpans().get(0);
        // One scope: A's first two spans, then a span of B whose name is not UTF-8 (it fails when parsed).
        ByteArrayOutputStream scope = new ByteArrayOutputStream();
        CodedOutputStream so = CodedOutputStream.newInstance(scope);
        so.writeMessage(2, spansOfA.get(0));
        so.writeMessage(2, spansOfA.get(1));
        byte[] spanOfB = data.traces.get(b).get(0).span().toByteArray();
        so.writeUInt32NoTag((2 << 3) | 2);
        so.writeUInt32NoTag(spanOfB.length + 4);
        so.writeRawBytes(spanOfB);
        so.writeRawBytes(new byte[] {(byte) ((5 << 3) | 2), 2, (byte) 0xff, (byte) 0xfe});
        so.flush();
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(entry);
        o.writeMessage(1, template.getResource());
        o.writeByteArray(2, scope.toByteArray());
        o.flush();
        SpanBatch failing = new SpanBatch(List.of(template), 3, RequestMetadata.EMPTY,
                List.of(ByteString.copyFrom(entry.toByteArray())));

        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(context(new SimpleMeterRegistry()), settings(WAIT,
                PolicySettings.of("plan", "string_attribute").withStringAttribute(
                        new PolicySettings.StringAttribute("task.type", List.of("no-such-type"), false, 0, false)),
                PolicySettings.of("all", "always_sample")), out);
        assertThrows(Exception.class, () -> p.consume(failing));
        p.consume(withWire(TailSamplingTestData.batchOf(List.of(data.traces.get(a).get(2)))));
        p.flush();
        Map<ByteString, List<SentSpan>> got = received(out.batches());
        assertEquals(1, out.itemCount(), "the next batch's span of A, and only it (the failed batch is lost whole)");
        assertEquals(spansOfA.get(2), got.get(a).get(0).span());
    }

    @Test
    void aTraceTableKeepsWhatAMapKeeps() {
        java.util.Random random = new java.util.Random(7);
        TraceTable table = new TraceTable(4);
        Map<TraceKey, BufferedTrace> model = new HashMap<>();
        List<TraceKey> keys = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            if (random.nextInt(3) > 0 || keys.isEmpty()) {
                // Few distinct high bits and clustered low bits: collisions and long probe runs.
                TraceKey k = new TraceKey(random.nextInt(4), random.nextInt(5000));
                if (!model.containsKey(k)) {
                    BufferedTrace t = new BufferedTrace(k.high(), k.low(), i);
                    table.add(t);
                    model.put(k, t);
                    keys.add(k);
                }
            } else {
                TraceKey k = keys.remove(random.nextInt(keys.size()));
                table.remove(model.remove(k));
            }
            if (i % 997 == 0) {
                for (TraceKey k : keys) {
                    assertTrue(table.get(k.high(), k.low()) == model.get(k));
                }
            }
        }
        assertEquals(model.size(), table.size());
        for (var e : model.entrySet()) {
            assertTrue(table.get(e.getKey().high(), e.getKey().low()) == e.getValue());
        }
        assertEquals(null, table.get(99, 99));
    }

    @Test
    void decidedTracesRememberTheLastCapacityDecisions() {
        DecidedTraces decided = new DecidedTraces(10_000);
        for (int i = 0; i < 25_000; i++) {
            decided.put(i % 3, i, i % 2 == 0, i);
        }
        assertEquals(10_000, decided.size());
        for (int i = 0; i < 25_000; i++) {
            int p = decided.find(i % 3, i);
            if (i < 15_000) {
                assertEquals(-1, p, "forgotten: " + i);
            } else {
                assertTrue(p >= 0, "remembered: " + i);
                assertEquals(i % 2 == 0, decided.sampled(p));
                assertEquals(i, decided.decidedAt(p));
            }
        }
        DecidedTraces none = new DecidedTraces(0);
        none.put(1, 1, true, 0);
        assertEquals(-1, none.find(1, 1));
    }
}
