package io.meltgate.processor.tailsampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.meltgate.processor.tailsampling.policy.PolicySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Heap taken by buffered spans, against their OTLP wire size, on the benchmark data ({@link OtlpFixtures}: requests
 * of 100 spans, traces of 5). A heap probe: retained heap after full GCs, before and after buffering.
 */
class TailSamplingMemoryTest {

    @Test
    void aBufferedSpanTakesAtMostOneAndAHalfTimesItsWireSize() throws Exception {
        OtlpFixtures fixtures = new OtlpFixtures(11);
        RecordingConsumer out = new RecordingConsumer();
        TailSamplingProcessor p = new TailSamplingProcessor(TailSamplingTestData.context(new SimpleMeterRegistry()),
                TailSamplingTestData.settings(Duration.ofMinutes(10), PolicySettings.of("all", "always_sample"))
                        .withNumTraces(100_000), out);
        // Warm up the processor's code and scratch buffers so only buffered data is measured.
        p.consume(SpanBatch.of(fixtures.traceRequest(100), RequestMetadata.EMPTY));
        p.flush();
        int requests = 1000;
        long wireBytes = 0;
        long spans = 0;
        long before = retainedHeap();
        for (int i = 0; i < requests; i++) {
            ExportTraceServiceRequest r = fixtures.traceRequest(100);
            wireBytes += r.getSerializedSize();
            spans += 100;
            p.consume(SpanBatch.of(r, RequestMetadata.EMPTY));
        }
        long after = retainedHeap();
        assertEquals(spans / 5, p.tracesOnMemory());
        double heapPerSpan = (after - before) / (double) spans;
        double wirePerSpan = wireBytes / (double) spans;
        double ratio = heapPerSpan / wirePerSpan;
        System.out.printf("tail_sampling heap per buffered span: %.1f bytes, OTLP wire size per span: %.1f bytes,"
                + " ratio %.2f%n", heapPerSpan, wirePerSpan, ratio);
        assertTrue(ratio <= 1.5, "heap per buffered span must be <= 1.5x its wire size, was " + ratio);
        p.flush();
        assertEquals(spans + 100, out.itemCount(), "everything buffered is released whole");
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
