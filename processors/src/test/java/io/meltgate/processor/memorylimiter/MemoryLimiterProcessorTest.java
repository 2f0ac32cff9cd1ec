package io.meltgate.processor.memorylimiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.pipeline.Pipeline;
import io.meltgate.core.pipeline.PipelineId;
import io.meltgate.core.pipeline.RingPublisher;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryLimiterProcessorTest {

    private static final long MIB = 1024 * 1024;

    private static MemoryLimiterSettings settings(int limitMib, int spikeMib) {
        return new MemoryLimiterSettings(Duration.ofSeconds(1), limitMib, spikeMib, 0, 0, Duration.ZERO,
                Duration.ofHours(1));
    }

    @Test
    void limitsFollowTheCollectorsRules() {
        assertEquals(new HeapLimits(100 * MIB, 80 * MIB), new HeapLimits(settings(100, 0), 1000 * MIB));
        assertEquals(new HeapLimits(100 * MIB, 70 * MIB), new HeapLimits(settings(100, 30), 1000 * MIB));
        MemoryLimiterSettings pct = new MemoryLimiterSettings(Duration.ofSeconds(1), 0, 0, 80, 25, Duration.ZERO, Duration.ZERO);
        assertEquals(new HeapLimits(800 * MIB, 550 * MIB), new HeapLimits(pct, 1000 * MIB));
    }

    @Test
    void validationRequiresAnIntervalAndALimit() {
        List<String> problems = new MemoryLimiterFactory().defaultSettings().validate();
        assertTrue(problems.contains("check_interval must be greater than zero"), problems.toString());
        assertTrue(problems.contains("either limit_mib or limit_percentage must be set greater than zero"));
        assertEquals(List.of("spike_limit_mib must be smaller than limit_mib"), settings(100, 100).validate());
        assertTrue(settings(100, 20).validate().isEmpty());
    }

    @Test
    void aboveTheSoftLimitTheReceiversGetARetryableRefusalAndNothingEntersTheRing() throws Exception {
        AtomicLong used = new AtomicLong(10 * MIB);
        AtomicLong live = new AtomicLong(10 * MIB);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordingConsumer out = new RecordingConsumer();
        MemoryLimiterSettings s = settings(100, 20);
        MemoryLimiterProcessor limiter = new MemoryLimiterProcessor(
                new ComponentContext(ComponentId.of("memory_limiter"), ComponentKind.PROCESSOR, meters, HealthReporter.NONE),
                new HeapLimits(s, 1000 * MIB), s, out, used::get, live::get);
        Pipeline p = new Pipeline(PipelineId.parse("traces"), 8, List.of(limiter), limiter, meters);
        p.start();
        RingPublisher publisher = new RingPublisher(List.of(p));
        OtlpFixtures fixtures = new OtlpFixtures(5);
        try {
            limiter.check();
            publisher.consume(SpanBatch.of(fixtures.traceRequest(3), RequestMetadata.EMPTY));

            live.set(85 * MIB);
            used.set(90 * MIB);
            limiter.check();
            ConsumeException refused = assertThrows(ConsumeException.class,
                    () -> publisher.consume(SpanBatch.of(fixtures.traceRequest(3), RequestMetadata.EMPTY)));
            assertTrue(refused.isRetryable());
            assertTrue(refused.getMessage().contains("soft limit"), refused.getMessage());

            live.set(30 * MIB);
            used.set(95 * MIB);
            limiter.check();
            publisher.consume(SpanBatch.of(fixtures.traceRequest(4), RequestMetadata.EMPTY));
        } finally {
            p.drainAndStop(Duration.ofSeconds(5));
        }
        assertEquals(7, out.itemCount(), "what was admitted is delivered; what was refused never entered");
    }
}
