package io.meltgate.processor.tailsampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.meltgate.processor.tailsampling.policy.PolicySettings;
import com.google.protobuf.CodedOutputStream;
import io.meltgate.core.otlp.wire.ExportRequestDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Heap taken by buffered spans, against their OTLP wire size, on the benchmark data ({@link OtlpFixtures}: requests
 * of 100 spans, traces of 5). A heap probe: retained heap after full GCs, before and after buffering.
 */
class TailSamplingMemoryTest {

    @ParameterizedTest(name = "received bytes kept: {0}")
    @ValueSource(booleans = {true, false})
    void aBufferedSpanTakesAtMostOneAndAHalfTimesItsWireSize(boolean wire) throws Exception {
        OtlpFixtures fixtures = new OtlpFixtures(11);
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(TailSamplingTestData.context(new SimpleMeterRegistry()),
                TailSamplingTestData.settings(Duration.ofMinutes(10), PolicySettings.of("all", "always_sample"))
                        .withNumTraces(100_000), out);
        // Warm up the processor's code and scratch buffers so only buffered data is measured.
        p.consume(batch(fixtures.traceRequest(100), wire));
        p.flush();
        int requests = 1000;
        long wireBytes = 0;
        long spanBytes = 0;
        long spans = 0;
        long before = retainedHeap();
        for (int i = 0; i < requests; i++) {
            ExportTraceServiceRequest r = fixtures.traceRequest(100);
            wireBytes += r.getSerializedSize();
            for (ResourceSpans rs : r.getResourceSpansList()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        spanBytes += CodedOutputStream.computeMessageSize(2, s);
                    }
                }
            }
            spans += 100;
            p.consume(batch(r, wire));
        }
        long after = retainedHeap();
        assertEquals(spans / 5, p.tracesOnMemory());
        double heapPerSpan = (after - before) / (double) spans;
        double wirePerSpan = wireBytes / (double) spans;
        double ratio = heapPerSpan / wirePerSpan;
        long traces = spans / 5;
        System.out.printf("tail_sampling (received bytes kept: %s) heap per buffered span: %.1f bytes, OTLP wire size"
                + " per span: %.1f bytes, ratio %.2f; per trace of 5 spans: %.0f bytes of span entries + %.0f bytes"
                + " of overhead%n", wire, heapPerSpan, wirePerSpan, ratio, spanBytes / (double) traces,
                (after - before - spanBytes) / (double) traces);
        assertTrue(ratio <= 1.5, "heap per buffered span must be <= 1.5x its wire size, was " + ratio);
        p.flush();
        assertEquals(spans + 100, out.itemCount(), "everything buffered is released whole");
    }

    private static SpanBatch batch(ExportTraceServiceRequest r, boolean wire) throws Exception {
        if (!wire) {
            return SpanBatch.of(r, RequestMetadata.EMPTY);
        }
        var d = ExportRequestDecoder.traces(r.toByteArray());
        return SpanBatch.of(d.request().getResourceSpansList(), d.wire(), RequestMetadata.EMPTY);
    }

    private static long retainedHeap() throws InterruptedException {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, bean.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
