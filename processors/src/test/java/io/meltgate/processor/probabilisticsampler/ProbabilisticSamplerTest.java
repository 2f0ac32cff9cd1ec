package io.meltgate.processor.probabilisticsampler;

import static io.meltgate.core.testing.OtlpFixtures.integer;
import static io.meltgate.core.testing.OtlpFixtures.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbabilisticSamplerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private ProbabilisticSamplerProcessor processor(ProbabilisticSamplerSettings s, Signal signal, RecordingConsumer out) {
        return new ProbabilisticSamplerProcessor(new ComponentContext(ComponentId.of("probabilistic_sampler"),
                ComponentKind.PROCESSOR, meters, (st, m) -> { }), s, signal, out);
    }

    private static ProbabilisticSamplerSettings settings(double pct, long seed, String mode) {
        return new ProbabilisticSamplerFactory().defaultSettings().with(pct, seed, mode);
    }

    private static Span span(ByteString traceId, String traceState, KeyValue... attrs) {
        Span.Builder b = Span.newBuilder().setTraceId(traceId).setSpanId(ByteString.copyFrom(new byte[8]))
                .setName("op").setTraceState(traceState);
        for (KeyValue kv : attrs) {
            b.addAttributes(kv);
        }
        return b.build();
    }

    private static SpanBatch batch(List<Span> spans) {
        return SpanBatch.of(List.of(ResourceSpans.newBuilder().setResource(OtlpFixtures.resource("svc", 1))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)).build()), RequestMetadata.EMPTY);
    }

    private static List<Span> spans(List<Batch> batches) {
        List<Span> out = new ArrayList<>();
        for (Batch b : batches) {
            for (ResourceSpans rs : ((SpanBatch) b).resourceSpans()) {
                rs.getScopeSpansList().forEach(ss -> out.addAll(ss.getSpansList()));
            }
        }
        return out;
    }

    @Test
    void fnv32aMatchesThePublishedTestVectors() {
        // FNV reference test suite: FNV-1a 32 of "a" and "foobar".
        assertEquals(0xe40c292c, ConsistentSampler.fnv32aUpdate(0x811c9dc5, "a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0xbf9cf968, ConsistentSampler.fnv32aUpdate(0x811c9dc5, "foobar".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @CsvSource({
            // The Collector's hash_seed rule: bucket = fnv32a(le32(seed) ++ traceId) & 0x3fff; kept iff
            // bucket < uint32(float32(pct) * float32(163.84)). Buckets computed independently (Python).
            "000102030405060708090a0b0c0d0e0f, 0, 15717",
            "4bf92f3577b34da6a3ce929d0e0e4736, 0, 141",
            "00000000000000000000000000000001, 0, 8898",
            "ffffffffffffffffffffffffffffffff, 0, 5445",
            "0af7651916cd43dd8448eb211c80319c, 0, 7652",
            "000102030405060708090a0b0c0d0e0f, 42, 863",
            "4bf92f3577b34da6a3ce929d0e0e4736, 42, 7935",
            "00000000000000000000000000000001, 42, 524",
            "ffffffffffffffffffffffffffffffff, 42, 4751",
            "0af7651916cd43dd8448eb211c80319c, 123456789, 1192"})
    void hashSeedBucketsAreTheCollectors(String traceId, long seed, int bucket) {
        ConsistentSampler s = new ConsistentSampler(SamplerMode.HASH_SEED, 10, seed, 4);
        assertEquals(bucket, s.bucket(HexFormat.of().parseHex(traceId)));
    }

    @ParameterizedTest
    @CsvSource({"10, 1638", "25, 4096", "50, 8192", "33.3, 5455", "0.1, 16", "99.9, 16367", "100, 16384", "0, 0"})
    void scaledRateUsesFloat32ArithmeticAsGo(float pct, int scaled) {
        assertEquals(scaled, ConsistentSampler.scaledRate(pct));
    }

    @ParameterizedTest
    @CsvSource({
            // trace id, seed, percentage, kept?   (bucket from the table above vs scaled rate)
            "4bf92f3577b34da6a3ce929d0e0e4736, 0, 1, true",     // 141 < 163
            "4bf92f3577b34da6a3ce929d0e0e4736, 0, 0.8, false",  // 141 >= 131
            "0af7651916cd43dd8448eb211c80319c, 0, 50, true",    // 7652 < 8192
            "0af7651916cd43dd8448eb211c80319c, 0, 45, false",   // 7652 >= 7372
            "00000000000000000000000000000001, 42, 3.3, true",  // 524 < 540
            "000102030405060708090a0b0c0d0e0f, 0, 95, false",   // 15717 >= 15564
            "000102030405060708090a0b0c0d0e0f, 0, 96, true"})   // 15717 < 15728
    void hashSeedKeepsExactlyWhatTheCollectorKeeps(String traceId, long seed, double pct, boolean kept) throws Exception {
        RecordingConsumer out = new RecordingConsumer();
        processor(settings(pct, seed, "hash_seed"), Signal.TRACES, out)
                .consume(batch(List.of(span(ByteString.copyFrom(HexFormat.of().parseHex(traceId)), ""))));
        assertEquals(kept ? 1 : 0, out.itemCount());
    }

    @Test
    void hashSeedOverManyTraceIdsEqualsTheDocumentedRuleAndRecordsTheThreshold() throws Exception {
        OtlpFixtures f = new OtlpFixtures(21);
        List<Span> in = new ArrayList<>();
        Set<ByteString> expected = new HashSet<>();
        int scaled = ConsistentSampler.scaledRate(25f);
        for (int i = 0; i < 5000; i++) {
            byte[] id = f.traceId();
            in.add(span(ByteString.copyFrom(id), "vendor=x"));
            // The documented rule, written out independently of ConsistentSampler.hashRandomness.
            int h = 0x811c9dc5;
            byte[] seeded = new byte[20];
            seeded[0] = 77;
            System.arraycopy(id, 0, seeded, 4, 16);
            for (byte b : seeded) {
                h = (h ^ (b & 0xff)) * 0x01000193;
            }
            if ((h & 0x3fff) < scaled) {
                expected.add(ByteString.copyFrom(id));
            }
        }
        RecordingConsumer out = new RecordingConsumer();
        processor(settings(25, 77, "hash_seed"), Signal.TRACES, out).consume(batch(in));
        List<Span> got = spans(out.batches());
        Set<ByteString> gotIds = new HashSet<>();
        got.forEach(s -> gotIds.add(s.getTraceId()));
        assertEquals(expected, gotIds);
        for (Span s : got) {
            assertTrue(s.getTraceState().startsWith("ot=th:c;rv:"), "25% is th:c, and the hash randomness is recorded: "
                    + s.getTraceState());
            assertTrue(s.getTraceState().endsWith(",vendor=x"), "other vendors' entries are kept");
        }
        assertEquals(expected.size(), meters.find("otelcol_processor_probabilistic_sampler_count_traces_sampled")
                .tags("policy", "trace_id_hash", "sampled", "true").counter().count());
    }

    @Test
    void proportionalSamplesByTheTraceIdsLow56BitsAndWritesTheThreshold() throws Exception {
        OtlpFixtures f = new OtlpFixtures(22);
        List<Span> in = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            in.add(span(ByteString.copyFrom(f.traceId()), ""));
        }
        RecordingConsumer out = new RecordingConsumer();
        processor(settings(10, 0, "proportional"), Signal.TRACES, out).consume(batch(in));
        List<Span> got = spans(out.batches());
        double share = got.size() / 10_000.0;
        assertTrue(Math.abs(share - 0.1) <= 4 * Math.sqrt(0.1 * 0.9 / 10_000), "10% within 4 sigma: " + share);
        long threshold = 0xe666L << 40;
        for (Span s : got) {
            assertEquals("ot=th:e666", s.getTraceState(), "10% with precision 4 is th:e666 (OpenTelemetry spec)");
            byte[] id = s.getTraceId().toByteArray();
            long r = 0;
            for (int i = 9; i < 16; i++) {
                r = (r << 8) | (id[i] & 0xff);
            }
            assertTrue(r >= threshold, "kept only when randomness >= threshold");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // mode | percentage | arriving tracestate | resulting tracestate, or DROP
            "proportional | 50 | ot=rv:9b8233f7e3a151 | ot=th:8;rv:9b8233f7e3a151",
            "proportional | 50 | ot=th:0;rv:9b8233f7e3a151,vendor=a | ot=th:8;rv:9b8233f7e3a151,vendor=a",
            "proportional | 50 | ot=th:8;rv:ffffffffffffff | ot=th:c;rv:ffffffffffffff",
            "proportional | 50 | ot=th:8;rv:9b8233f7e3a151 | DROP",
            "equalizing | 50 | ot=th:e666;rv:ffffffffffffff | ot=th:e666;rv:ffffffffffffff",
            "equalizing | 50 | ot=th:0;rv:9b8233f7e3a151 | ot=th:8;rv:9b8233f7e3a151",
            "equalizing | 10 | ot=th:8;rv:9b8233f7e3a151 | DROP",
            "proportional | 50 | ot=th:zz | DROP"})
    void thresholdsCombineWithArrivingTraceStateAsTheSpecSays(String mode, double pct, String arriving, String expected)
            throws Exception {
        RecordingConsumer out = new RecordingConsumer();
        ByteString id = ByteString.copyFrom(HexFormat.of().parseHex("00000000000000000000000000000001"));
        processor(settings(pct, 0, mode), Signal.TRACES, out).consume(batch(List.of(span(id, arriving))));
        List<Span> got = spans(out.batches());
        if (expected.equals("DROP")) {
            assertEquals(0, got.size());
        } else {
            assertEquals(1, got.size());
            assertEquals(expected, got.get(0).getTraceState());
        }
    }

    @Test
    void samplingPriorityOverridesThePercentage() throws Exception {
        RecordingConsumer out = new RecordingConsumer();
        ByteString id = ByteString.copyFrom(new OtlpFixtures(3).traceId());
        processor(settings(0, 0, "proportional"), Signal.TRACES, out).consume(batch(List.of(
                span(id, "", integer("sampling.priority", 1)))));
        assertEquals(1, out.itemCount(), "priority > 0 keeps at 0%");
        processor(settings(100, 0, "proportional"), Signal.TRACES, out).consume(batch(List.of(
                span(id, "", integer("sampling.priority", 0)))));
        assertEquals(1, out.itemCount(), "priority 0 drops at 100%");
    }

    @Test
    void missingRandomnessIsDroppedWhenFailClosedAndPassesOtherwise() throws Exception {
        ByteString zeros = ByteString.copyFrom(new byte[16]);
        for (boolean failClosed : new boolean[] {true, false}) {
            RecordingConsumer out = new RecordingConsumer();
            processor(settings(100, 0, "hash_seed").withFailClosed(failClosed), Signal.TRACES, out)
                    .consume(batch(List.of(span(zeros, ""))));
            assertEquals(failClosed ? 0 : 1, out.itemCount(), "fail_closed=" + failClosed);
        }
    }

    @Test
    void logsHashAnAttributeSoRecordsWithTheSameValueShareTheDecision() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(LogRecord.newBuilder().addAttributes(str("service.instance.id", "pod-" + (i % 40)))
                    .addAttributes(str("n", Integer.toString(i))).build());
        }
        LogBatch in = LogBatch.of(List.of(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addAllLogRecords(records)).build()), RequestMetadata.EMPTY);
        RecordingConsumer out = new RecordingConsumer();
        processor(settings(30, 5, "hash_seed").withLogs("record", "service.instance.id", ""), Signal.LOGS, out)
                .consume(in);
        int scaled = ConsistentSampler.scaledRate(30f);
        ConsistentSampler s = new ConsistentSampler(SamplerMode.HASH_SEED, 30, 5, 4);
        Set<String> expectedPods = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            if (s.bucket(("pod-" + i).getBytes(StandardCharsets.UTF_8)) < scaled) {
                expectedPods.add("pod-" + i);
            }
        }
        long got = 0;
        for (Batch b : out.batches()) {
            for (LogRecord r : ((LogBatch) b).resourceLogs().get(0).getScopeLogs(0).getLogRecordsList()) {
                got++;
                String pod = r.getAttributes(0).getValue().getStringValue();
                assertTrue(expectedPods.contains(pod));
                assertTrue(r.getAttributesList().stream().anyMatch(kv -> kv.getKey().equals("sampling.threshold")));
            }
        }
        assertEquals(expectedPods.size() * 10L, got, "every record of a kept pod, none of the others");
    }
}
