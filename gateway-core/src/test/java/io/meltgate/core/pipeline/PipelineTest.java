package io.meltgate.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.Processor;
import io.meltgate.core.data.LazyResources;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.RecordingConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(7);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private SpanBatch batch(int spans) {
        return SpanBatch.of(fixtures.traceRequest(spans), RequestMetadata.EMPTY);
    }

    @Test
    void deliversEveryPublishedBatchInOrderThroughTheProcessorsThenDrainsOnStop() throws Exception {
        RecordingConsumer out = new RecordingConsumer();
        List<String> seenBy = new ArrayList<>();
        Processor second = new TaggingProcessor("second", out, seenBy);
        Processor first = new TaggingProcessor("first", second, seenBy);
        Pipeline p = new Pipeline(PipelineId.parse("traces"), 64, List.of(first, second), first, meters);
        p.start();
        RingPublisher publisher = new RingPublisher(List.of(p));
        List<Batch> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SpanBatch b = batch(3);
            sent.add(b);
            publisher.consume(b);
        }
        assertTrue(p.drainAndStop(Duration.ofSeconds(5)));
        assertEquals(sent, out.batches(), "every batch, in publish order, same instances (no copy)");
        assertEquals("first", seenBy.get(0));
        assertEquals("second", seenBy.get(1));
        assertEquals(List.of("flush:first", "flush:second"), seenBy.subList(seenBy.size() - 2, seenBy.size()));
    }

    @Test
    void aFullRingRefusesWithARetryableAnswerAndNeverBlocks() throws Exception {
        RecordingConsumer out = new RecordingConsumer();
        out.stall();
        Pipeline p = new Pipeline(PipelineId.parse("traces/small"), 4, List.of(), out, meters);
        p.start();
        RingPublisher publisher = new RingPublisher(List.of(p));
        int accepted = 0;
        ConsumeException refusal = null;
        for (int i = 0; i < 10 && refusal == null; i++) {
            try {
                publisher.consume(batch(1));
                accepted++;
            } catch (ConsumeException e) {
                refusal = e;
            }
        }
        assertTrue(refusal != null, "a ring of 4 with a stalled consumer must refuse within 10 publishes");
        assertTrue(refusal.isRetryable());
        assertEquals(RingPublisher.RETRY_AFTER, refusal.retryAfter().orElseThrow());
        assertTrue(accepted >= 4 && accepted <= 5, "4 slots plus at most the one being consumed, got " + accepted);
        out.release();
        assertTrue(p.drainAndStop(Duration.ofSeconds(5)));
        assertEquals(accepted, out.batches().size(), "every accepted batch is delivered after the stall ends");
    }

    @Test
    void aReceiverFeedingTwoPipelinesPublishesToBothOrToNeither() throws Exception {
        RecordingConsumer fast = new RecordingConsumer();
        RecordingConsumer slow = new RecordingConsumer();
        slow.stall();
        Pipeline a = new Pipeline(PipelineId.parse("traces/a"), 64, List.of(), fast, meters);
        Pipeline b = new Pipeline(PipelineId.parse("traces/b"), 2, List.of(), slow, meters);
        a.start();
        b.start();
        RingPublisher publisher = new RingPublisher(List.of(a, b));
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            try {
                publisher.consume(batch(1));
                accepted++;
            } catch (ConsumeException e) {
                refused++;
            }
        }
        assertTrue(refused > 0);
        slow.release();
        assertTrue(a.drainAndStop(Duration.ofSeconds(5)));
        assertTrue(b.drainAndStop(Duration.ofSeconds(5)));
        assertEquals(accepted, fast.batches().size(), "the free pipeline got only what both accepted");
        assertEquals(accepted, slow.batches().size());
    }

    @Test
    void aFailingStageCountsTheLossAndTheThreadGoesOn() throws Exception {
        RecordingConsumer out = new RecordingConsumer();
        BatchConsumer flaky = new BatchConsumer() {
            int n;

            @Override
            public void consume(Batch batch) throws ConsumeException {
                if (n++ == 0) {
                    throw ConsumeException.permanent("boom");
                }
                out.consume(batch);
            }
        };
        Pipeline p = new Pipeline(PipelineId.parse("logs"), 8, List.of(), flaky, meters);
        p.start();
        RingPublisher publisher = new RingPublisher(List.of(p));
        publisher.consume(batch(2));
        publisher.consume(batch(3));
        assertTrue(p.drainAndStop(Duration.ofSeconds(5)));
        assertEquals(3, out.itemCount());
        assertEquals(2.0, meters.get("meltgate_pipeline_dropped_spans").counter().count());
    }

    @Test
    void batchesAreParsedOnTheReceiversThreadOnlyForPipelinesWhoseProcessorsReadThem() throws Exception {
        RecordingConsumer reading = new RecordingConsumer();
        RecordingConsumer passing = new RecordingConsumer();
        Processor reader = new TaggingProcessor("reader", reading, new ArrayList<>());
        Processor passer = new TaggingProcessor("passer", passing, new ArrayList<>()) {
            @Override
            public boolean readsItems() {
                return false;
            }
        };
        Pipeline a = new Pipeline(PipelineId.parse("traces/reads"), 8, List.of(reader), reader, meters);
        Pipeline b = new Pipeline(PipelineId.parse("traces/passes"), 8, List.of(passer), passer, meters);
        a.start();
        b.start();
        RingPublisher toBoth = new RingPublisher(List.of(a, b));
        RingPublisher toPassing = new RingPublisher(List.of(b));
        LazyResources<ResourceSpans> first = lazy(3);
        toPassing.consume(new SpanBatch(first, 3, RequestMetadata.EMPTY, first.wire()));
        assertFalse(first.isParsed(0), "no processor reads: left unparsed");
        LazyResources<ResourceSpans> second = lazy(2);
        toBoth.consume(new SpanBatch(second, 2, RequestMetadata.EMPTY, second.wire()));
        assertTrue(second.isParsed(0), "parsed before publishing, on the publishing thread");
        RecordingConsumer routing = new RecordingConsumer();
        Pipeline c = new Pipeline(PipelineId.parse("traces/routes"), 8, List.of(), routing, true, meters);
        c.start();
        LazyResources<ResourceSpans> third = lazy(4);
        new RingPublisher(List.of(c)).consume(new SpanBatch(third, 4, RequestMetadata.EMPTY, third.wire()));
        assertTrue(third.isParsed(0), "an exporter that reads as it takes (loadbalancing) counts as reading");
        assertTrue(a.drainAndStop(Duration.ofSeconds(5)));
        assertTrue(b.drainAndStop(Duration.ofSeconds(5)));
        assertTrue(c.drainAndStop(Duration.ofSeconds(5)));
        assertEquals(2, reading.itemCount());
        assertEquals(5, passing.itemCount());
        assertEquals(4, routing.itemCount());
    }

    private LazyResources<ResourceSpans> lazy(int spans) {
        return LazyResources.spans(List.of(fixtures.resourceSpans(spans, "svc").toByteString()));
    }

    @Test
    void ringSizeMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class,
                () -> new Pipeline(PipelineId.parse("metrics"), 1000, List.of(), b -> { }, meters));
        assertFalse(PipelineId.parse("metrics/x").name().isEmpty());
        assertEquals(Signal.METRICS, PipelineId.parse("metrics/x").signal());
    }

    /** Records the order in which stages see the first batch and the flush. */
    private static class TaggingProcessor implements Processor {
        private final String name;
        private final BatchConsumer next;
        private final List<String> seenBy;
        private boolean seen;

        TaggingProcessor(String name, BatchConsumer next, List<String> seenBy) {
            this.name = name;
            this.next = next;
            this.seenBy = seenBy;
        }

        @Override
        public void consume(Batch batch) throws ConsumeException {
            if (!seen) {
                seenBy.add(name);
                seen = true;
            }
            next.consume(batch);
        }

        @Override
        public void flush() {
            seenBy.add("flush:" + name);
        }
    }
}
