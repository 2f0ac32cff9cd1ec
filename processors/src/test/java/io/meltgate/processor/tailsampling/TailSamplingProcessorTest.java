package io.meltgate.processor.tailsampling;

import static io.meltgate.processor.tailsampling.TailSamplingTestData.context;
import static io.meltgate.processor.tailsampling.TailSamplingTestData.received;
import static io.meltgate.processor.tailsampling.TailSamplingTestData.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.meltgate.processor.tailsampling.TailSamplingTestData.SentSpan;
import io.meltgate.processor.tailsampling.policy.PolicySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The processor's semantics, through a real {@link Pipeline} where time matters, directly where it does not. */
class TailSamplingProcessorTest {

    private static final Duration WAIT = Duration.ofMillis(200);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static PolicySettings always() {
        return PolicySettings.of("all", "always_sample");
    }

    private static PolicySettings errors() {
        return PolicySettings.of("errors", "status_code").withStatusCode(new PolicySettings.StatusCode(List.of("ERROR")));
    }

    private double counter(String name, String... tags) {
        var search = meters.find(TailSamplingMetrics.PREFIX + name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Asserts every received trace is complete and each span kept its resource and scope. */
    private static void assertWholeAndInPlace(Map<ByteString, List<SentSpan>> sent, Map<ByteString, List<SentSpan>> got) {
        got.forEach((id, spans) -> {
            List<SentSpan> expected = sent.get(id);
            assertEquals(expected.size(), spans.size(), "trace received whole, no partial trace");
            Map<ByteString, SentSpan> bySpanId = new HashMap<>();
            expected.forEach(s -> bySpanId.put(s.span().getSpanId(), s));
            for (SentSpan s : spans) {
                SentSpan orig = bySpanId.get(s.span().getSpanId());
                assertEquals(orig.span(), s.span(), "span unchanged");
                assertEquals(orig.service(), s.service(), "span kept its resource");
                assertEquals(orig.scope(), s.scope(), "span kept its scope");
            }
        });
    }

    @Test
    void spansOfOneTraceSplitAcrossInterleavedBatchesLeaveTogetherAfterDecisionWait() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(1);
        for (int i = 0; i < 60; i++) {
            data.addTrace(6, false, 10);
        }
        RecordingConsumer out = new RecordingConsumer();
        Map<ByteString, Long> releasedAt = new ConcurrentHashMap<>();
        BatchConsumer timed = batch -> {
            long now = System.nanoTime();
            received(List.of(batch)).keySet().forEach(id -> releasedAt.putIfAbsent(id, now));
            out.consume(batch);
        };
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters), settings(WAIT, always()), timed);
        Pipeline pipeline = new Pipeline(PipelineId.parse("traces"), 256, List.of(p), p, meters);
        pipeline.start();
        RingPublisher publisher = new RingPublisher(List.of(pipeline));
        Map<ByteString, Long> firstSentAt = new HashMap<>();
        List<SpanBatch> batches = data.batches(12);
        for (SpanBatch b : batches) {
            long now = System.nanoTime();
            received(List.of(b)).keySet().forEach(id -> firstSentAt.putIfAbsent(id, now));
            publisher.consume(b);
        }
        assertTrue(out.awaitItems(360, Duration.ofSeconds(10)), "every span released after decision_wait");
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(5)));

        Map<ByteString, List<SentSpan>> got = received(out.batches());
        assertEquals(data.traces.keySet(), got.keySet());
        assertWholeAndInPlace(data.traces, got);
        for (ByteString id : got.keySet()) {
            assertTrue(releasedAt.get(id) - firstSentAt.get(id) >= WAIT.toNanos(),
                    "a trace is decided no earlier than decision_wait after its first span");
        }
        for (Batch b : out.batches()) {
            Set<ByteString> inBatch = received(List.of(b)).keySet();
            for (ByteString id : inBatch) {
                assertEquals(6, received(List.of(b)).get(id).size(), "a sampled trace leaves in one batch");
            }
        }
        assertEquals(60, counter("new_trace_id_received"));
        assertEquals(60, counter("global_count_traces_sampled", "decision", "sampled"));
        assertEquals(60, counter("count_traces_sampled", "policy", "all", "decision", "sampled"));
    }

    @Test
    void lateSpansFollowTheDecisionAtOnce() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(2);
        ByteString failed = data.addTrace(4, true, 10);
        ByteString fine = data.addTrace(4, false, 10);
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters), settings(WAIT, errors()), out);
        Pipeline pipeline = new Pipeline(PipelineId.parse("traces"), 64, List.of(p), p, meters);
        pipeline.start();
        RingPublisher publisher = new RingPublisher(List.of(pipeline));
        // The first three spans of each trace (the error span is the last of the failed trace: send it first).
        List<SentSpan> failedSpans = data.traces.get(failed);
        List<SentSpan> fineSpans = data.traces.get(fine);
        publisher.consume(TailSamplingTestData.batchOf(List.of(failedSpans.get(3), failedSpans.get(0), fineSpans.get(0),
                fineSpans.get(1), failedSpans.get(1))));
        assertTrue(out.awaitItems(3, Duration.ofSeconds(5)), "the failed trace is sampled after decision_wait");
        assertEquals(3, out.itemCount());
        // Late spans: the sampled trace's spans pass at once, without waiting another decision_wait.
        long sentLate = System.nanoTime();
        publisher.consume(TailSamplingTestData.batchOf(List.of(failedSpans.get(2), fineSpans.get(2), fineSpans.get(3))));
        assertTrue(out.awaitItems(4, Duration.ofSeconds(5)));
        long lateDelay = System.nanoTime() - sentLate;
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(5)));
        Map<ByteString, List<SentSpan>> got = received(out.batches());
        assertEquals(Set.of(failed), got.keySet(), "the non-sampled trace's late spans are dropped too");
        assertEquals(4, got.get(failed).size());
        assertTrue(lateDelay < WAIT.toNanos() * 10, "the late span was not held for a new decision");
        assertEquals(0, p.tracesOnMemory(), "late spans do not start a new trace");
    }

    @Test
    void errorAndSlowTracesAreKeptWholeAndTenPercentOfTheRest() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(3);
        Set<ByteString> mustKeep = new HashSet<>();
        Set<ByteString> others = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            boolean error = i % 20 == 0;
            boolean slow = i % 20 == 7;
            ByteString id = data.addTrace(4, error, slow ? 1500 : 20);
            (error || slow ? mustKeep : others).add(id);
        }
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingSettings s = settings(WAIT, errors(),
                PolicySettings.of("slow", "latency").withLatency(new PolicySettings.Latency(1000, 0)),
                PolicySettings.of("ten-percent", "probabilistic").withProbabilistic(new PolicySettings.Probabilistic("", 10)));
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters), s, out);
        Pipeline pipeline = new Pipeline(PipelineId.parse("traces"), 1024, List.of(p), p, meters);
        pipeline.start();
        RingPublisher publisher = new RingPublisher(List.of(pipeline));
        for (SpanBatch b : data.batches(40)) {
            publisher.consume(b);
        }
        assertTrue(out.awaitItems(mustKeep.size() * 4L, Duration.ofSeconds(10)));
        Thread.sleep(WAIT.toMillis() * 2);
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(5)));

        Map<ByteString, List<SentSpan>> got = received(out.batches());
        assertWholeAndInPlace(data.traces, got);
        assertTrue(got.keySet().containsAll(mustKeep), "every error trace and every slow trace arrives");
        long keptOthers = others.stream().filter(got::containsKey).count();
        double n = others.size();
        double share = keptOthers / n;
        double margin = 4 * Math.sqrt(0.1 * 0.9 / n);
        assertTrue(Math.abs(share - 0.1) <= margin, "10% of the other traces within 4 sigma, got " + share);
    }

    @Test
    void pastNumTracesTheOldestAreDecidedEarlyCountedAndMemoryStaysBounded() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(4);
        for (int i = 0; i < 1000; i++) {
            data.addTrace(2, false, 10);
        }
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters),
                settings(Duration.ofMinutes(10), always()).withNumTraces(50), out);
        int maxOnMemory = 0;
        for (SpanBatch b : data.batches(40)) {
            p.consume(b);
            maxOnMemory = Math.max(maxOnMemory, p.tracesOnMemory());
        }
        assertEquals(50, maxOnMemory, "never more than num_traces traces held");
        assertEquals(950, counter("sampling_trace_dropped_too_early"), "each early decision is counted");
        assertEquals(50, meters.find(TailSamplingMetrics.PREFIX + "sampling_traces_on_memory").gauge().value());
        p.flush();
        assertEquals(0, p.tracesOnMemory());
        assertEquals(2000, out.itemCount(), "decided early is still decided: nothing lost with always_sample");
    }

    @Test
    void flushDecidesPendingTracesOrDropsThemWhenConfigured() throws Exception {
        for (boolean drop : new boolean[] {false, true}) {
            TailSamplingTestData data = new TailSamplingTestData(5);
            for (int i = 0; i < 10; i++) {
                data.addTrace(3, false, 10);
            }
            RecordingConsumer out = new RecordingConsumer();
            TailSamplingProcessor p = new TailSamplingProcessor(context(new SimpleMeterRegistry()),
                    settings(Duration.ofMinutes(1), always()).withFlags(false, drop, false), out);
            for (SpanBatch b : data.batches(3)) {
                p.consume(b);
            }
            assertEquals(0, out.itemCount(), "nothing before decision_wait");
            p.flush();
            assertEquals(drop ? 0 : 30, out.itemCount(), "drop_pending_traces_on_shutdown=" + drop);
            assertEquals(0, p.tracesOnMemory());
        }
    }

    @Test
    void decisionCacheKeepsDecisionsAfterTheTraceIsForgotten() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(6);
        ByteString kept = data.addTrace(2, true, 10);
        ByteString dropped = data.addTrace(2, false, 10);
        for (int i = 0; i < 20; i++) {
            data.addTrace(1, false, 10);
        }
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters),
                settings(WAIT, errors()).withNumTraces(5).withDecisionCache(100, 100), out);
        p.consume(TailSamplingTestData.batchOf(List.of(data.traces.get(kept).get(1), data.traces.get(dropped).get(0))));
        p.onTick(System.nanoTime() + WAIT.toNanos());
        assertEquals(1, out.itemCount());
        // 20 more traces push the two decided ones out of the last-num_traces memory.
        for (var e : data.traces.entrySet()) {
            if (!e.getKey().equals(kept) && !e.getKey().equals(dropped)) {
                p.consume(TailSamplingTestData.batchOf(e.getValue()));
            }
        }
        p.onTick(System.nanoTime() + WAIT.toNanos());
        long before = out.itemCount();
        p.consume(TailSamplingTestData.batchOf(List.of(data.traces.get(kept).get(0), data.traces.get(dropped).get(1))));
        assertEquals(before + 1, out.itemCount(), "the sampled trace's late span passes at once, the other's is dropped");
        assertEquals(1, counter("early_releases_from_cache_decision", "sampled", "true"));
        assertEquals(1, counter("early_releases_from_cache_decision", "sampled", "false"));
        assertEquals(0, p.tracesOnMemory());
    }

    @Test
    void dropPolicyWinsOverEverySamplingPolicy() throws Exception {
        OtlpFixtures f = new OtlpFixtures(9);
        RecordingConsumer out = new RecordingConsumer();
        PolicySettings drop = PolicySettings.of("no-health", "drop").withDrop(new PolicySettings.Drop(List.of(
                PolicySettings.of("health", "string_attribute").withStringAttribute(
                        new PolicySettings.StringAttribute("task.type", List.of("plan"), false, 0, false)))));
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters), settings(WAIT, always(), drop), out);
        var request = f.traceRequest(500);
        p.consume(SpanBatch.of(request, io.meltgate.core.data.RequestMetadata.EMPTY));
        p.onTick(System.nanoTime() + WAIT.toNanos());
        Set<ByteString> planTraces = new HashSet<>();
        request.getResourceSpans(0).getScopeSpans(0).getSpansList().forEach(s -> s.getAttributesList().stream()
                .filter(kv -> kv.getKey().equals("task.type") && kv.getValue().getStringValue().equals("plan"))
                .forEach(kv -> planTraces.add(s.getTraceId())));
        Map<ByteString, List<SentSpan>> got = received(out.batches());
        assertFalse(planTraces.isEmpty());
        for (ByteString id : planTraces) {
            assertFalse(got.containsKey(id), "a trace matched by the drop policy is dropped despite always_sample");
        }
        assertEquals(100 - planTraces.size(), got.size());
        assertEquals(planTraces.size(), counter("global_count_traces_sampled", "decision", "dropped"));
        assertEquals(planTraces.size(), counter("count_traces_sampled", "policy", "no-health", "decision", "dropped"));
    }

    @Test
    void blockOnOverflowWaitsForTheOldestTracesDecisionInsteadOfDecidingItEarly() throws Exception {
        TailSamplingTestData data = new TailSamplingTestData(12);
        for (int i = 0; i < 3; i++) {
            data.addTrace(2, false, 10);
        }
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(context(meters),
                settings(WAIT, always()).withNumTraces(2).withFlags(false, false, true), out);
        List<List<SentSpan>> traces = List.copyOf(data.traces.values());
        long start = System.nanoTime();
        p.consume(TailSamplingTestData.batchOf(traces.get(0)));
        p.consume(TailSamplingTestData.batchOf(traces.get(1)));
        assertEquals(0, out.itemCount());
        p.consume(TailSamplingTestData.batchOf(traces.get(2))); // full: waits for the first trace's decision time
        long waited = System.nanoTime() - start;
        assertTrue(waited >= WAIT.toNanos(), "the pipeline thread waited for decision_wait");
        assertTrue(out.itemCount() >= 2, "the oldest trace was decided on time");
        assertEquals(0, counter("sampling_trace_dropped_too_early"), "nothing was decided early");
        assertTrue(p.tracesOnMemory() <= 2);
    }
}
