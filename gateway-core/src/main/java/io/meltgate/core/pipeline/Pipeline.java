package io.meltgate.core.pipeline;

import com.lmax.disruptor.EventHandler;
import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.telemetry.SignalCounters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pipeline at run time: its ring, its consumer thread, and its processors in YAML order, the first of
 * which ({@code head}) takes every batch off the ring; the last feeds the exporters. Processors, ticks and
 * the final flush all run on the consumer thread, so processors need no locks.
 */
public final class Pipeline {

    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

    private final PipelineId id;
    private final List<Processor> processors;
    private final boolean exportersReadItems;
    private final BatchConsumer head;
    private final PipelineRing ring;
    private final SignalCounters dropped;
    private final AdmissionControl[] admission;
    private final CountDownLatch running = new CountDownLatch(1);

    /**
     * @param processors the processors in YAML order, already chained to each other and to the exporters
     * @param head the first processor, or the exporters' fan-out when there is none
     */
    public Pipeline(PipelineId id, int ringSize, List<Processor> processors, BatchConsumer head, MeterRegistry meters) {
        this(id, ringSize, processors, head, false, meters);
    }

    /**
     * @param exportersReadItems whether an exporter of the pipeline reads items as it takes them
     *     ({@link io.meltgate.core.component.Exporter#readsItemsOnConsume()})
     */
    public Pipeline(PipelineId id, int ringSize, List<Processor> processors, BatchConsumer head,
                    boolean exportersReadItems, MeterRegistry meters) {
        this.id = id;
        this.exportersReadItems = exportersReadItems;
        this.processors = List.copyOf(processors);
        this.head = head;
        this.ring = new PipelineRing("meltgate-pipeline-" + id, ringSize, new Handler());
        this.admission = processors.stream().filter(AdmissionControl.class::isInstance)
                .map(AdmissionControl.class::cast).toArray(AdmissionControl[]::new);
        Tags tags = Tags.of("pipeline", id.toString());
        this.dropped = new SignalCounters(meters, "meltgate_pipeline_dropped",
                "Number of {items} a pipeline stage failed on and that were therefore lost.", tags);
        Gauge.builder("meltgate_pipeline_ring_used_slots", ring, PipelineRing::used)
                .description("Ring slots holding requests not yet processed.").tags(tags).register(meters);
        Gauge.builder("meltgate_pipeline_ring_capacity_slots", ring, PipelineRing::size)
                .description("Ring size in slots (one slot holds one received request).").tags(tags).register(meters);
    }

    public PipelineId id() {
        return id;
    }

    PipelineRing ring() {
        return ring;
    }

    /** Whether some processor, or an exporter as it takes them, reads the items (see {@link Processor#readsItems()}). */
    boolean readsItems() {
        return exportersReadItems || processors.stream().anyMatch(Processor::readsItems);
    }

    boolean hasAdmissionControl() {
        return admission.length > 0;
    }

    /** Why this pipeline refuses new data now (a processor's admission control), or null to admit. */
    String refusal() {
        for (AdmissionControl a : admission) {
            java.util.Optional<String> why = a.refusal();
            if (why.isPresent()) {
                return why.get();
            }
        }
        return null;
    }

    /** Starts the processors, then the consumer thread, and returns once that thread runs. */
    public void start() throws Exception {
        for (Processor p : processors) {
            p.start();
        }
        ring.start();
        // The Disruptor only drains consumers that are already running when it is shut down: a stop that came
        // before the thread was scheduled would halt it with the ring still full. Wait until it runs.
        if (!running.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pipeline " + id + ": consumer thread did not start within 30s");
        }
    }

    /**
     * Graceful stop, once the receivers no longer publish: everything already in the ring is processed, then
     * every processor flushes what it holds, in order, on the pipeline thread; then the thread ends.
     *
     * @return false if the timeout passed first (what was still in the ring is then lost and logged)
     */
    public boolean drainAndStop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CountDownLatch flushed = new CountDownLatch(1);
        long seq = ring.tryClaim();
        boolean ok = true;
        if (seq < 0) {
            // The ring is full; waiting for a slot would block shutdown behind a stalled exporter. Drain first.
            ok = ring.drainAndStop(timeout);
            // The consumer thread has halted, so this thread is now the only one touching the processors.
            flushAll();
        } else {
            ring.publish(seq, null, flushed);
            try {
                ok = flushed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ok = false;
            }
            ok &= ring.drainAndStop(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        for (Processor p : processors) {
            p.shutdown();
        }
        if (!ok) {
            LOG.warning("pipeline " + id + " did not drain within " + timeout + "; " + ring.used()
                    + " requests left in its ring were not processed");
        }
        return ok;
    }

    private void flushAll() {
        for (Processor p : processors) {
            try {
                p.flush();
            } catch (ConsumeException | RuntimeException e) {
                LOG.log(Level.WARNING, "pipeline " + id + ": flush failed", e);
            }
        }
    }

    private void tick(long now) {
        for (Processor p : processors) {
            try {
                p.onTick(now);
            } catch (ConsumeException | RuntimeException e) {
                LOG.log(Level.WARNING, "pipeline " + id + ": timed work failed", e);
            }
        }
    }

    private final class Handler implements EventHandler<RingSlot> {

        @Override
        public void onStart() {
            running.countDown();
        }

        @Override
        public void onEvent(RingSlot slot, long sequence, boolean endOfBatch) {
            Batch batch = slot.batch;
            CountDownLatch control = slot.flushDone;
            slot.batch = null;
            slot.flushDone = null;
            if (batch != null) {
                try {
                    head.consume(batch);
                } catch (ConsumeException | RuntimeException e) {
                    dropped.add(batch.signal(), batch.itemCount());
                    LOG.log(Level.WARNING, "pipeline " + id + " lost " + batch.itemCount() + " "
                            + batch.signal().itemNoun() + ": " + e.getMessage(), e instanceof RuntimeException ? e : null);
                }
            }
            if (control != null) {
                flushAll();
                control.countDown();
            }
            if (endOfBatch && !processors.isEmpty()) {
                tick(System.nanoTime());
            }
        }

        @Override
        public void onTimeout(long sequence) {
            if (!processors.isEmpty()) {
                tick(System.nanoTime());
            }
        }
    }
}
