package io.meltgate.core.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.LiteTimeoutBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.meltgate.core.data.Batch;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline's LMAX Disruptor ring: multi-producer (any receiver thread publishes), one consumer thread.
 * The wait strategy times out every {@link #TICK} so that time-driven processor work runs on the consumer
 * thread even when no data arrives.
 */
final class PipelineRing {

    /** How often an idle pipeline thread wakes for time-driven work; bounds the lateness of a batch timeout. */
    static final Duration TICK = Duration.ofMillis(10);

    private final Disruptor<RingSlot> disruptor;
    private final RingBuffer<RingSlot> ring;

    PipelineRing(String threadName, int size, EventHandler<RingSlot> handler) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two, got " + size);
        }
        this.disruptor = new Disruptor<>(RingSlot::new, size, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(false);
            return t;
        }, ProducerType.MULTI, new LiteTimeoutBlockingWaitStrategy(TICK.toNanos(), TimeUnit.NANOSECONDS));
        disruptor.handleEventsWith(handler);
        disruptor.setDefaultExceptionHandler(new PipelineExceptionHandler(threadName));
        this.ring = disruptor.getRingBuffer();
    }

    void start() {
        disruptor.start();
    }

    /** Claims a slot without waiting; -1 when the ring is full. */
    long tryClaim() {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException e) {
            return -1;
        }
    }

    /** Fills a claimed slot (null to give it up) and makes it visible to the consumer. */
    void publish(long sequence, Batch batch) {
        ring.get(sequence).batch = batch;
        ring.publish(sequence);
    }

    void publish(long sequence, Batch batch, java.util.concurrent.CountDownLatch flushDone) {
        RingSlot slot = ring.get(sequence);
        slot.batch = batch;
        slot.flushDone = flushDone;
        ring.publish(sequence);
    }

    int size() {
        return ring.getBufferSize();
    }

    /** Slots in use: published and not yet consumed, or claimed and not yet published. */
    long used() {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    /** Waits until everything published is consumed, then stops the consumer thread. */
    boolean drainAndStop(Duration timeout) {
        try {
            disruptor.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            disruptor.halt();
            return false;
        }
    }
}
