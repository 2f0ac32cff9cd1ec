package io.meltgate.core.component;

import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;

/**
 * A pipeline stage. Every call (consume, tick, flush) comes from the pipeline's one consumer thread, so a
 * processor keeps its state in plain fields with no locks. It passes what it keeps to the consumer it was
 * built with.
 */
public interface Processor extends BatchConsumer, Component {

    /**
     * Time-driven work (a batch timeout, a sampling decision) at {@code nanoTime} ({@link System#nanoTime()}).
     * Called after every burst of ring events and when the ring has been idle for a few milliseconds.
     */
    default void onTick(long nanoTime) throws ConsumeException {
    }

    /**
     * Whether this processor reads the items of the batches it gets, so they must be parsed. Receivers hand on
     * batches unparsed (their entries parse when first read); when a pipeline has a processor that reads, the
     * receiver parses on its own threads, several at once, instead of leaving it all to the pipeline's one thread.
     * Processors that pass batches on whole (batch, memory_limiter) say false.
     */
    default boolean readsItems() {
        return true;
    }

    /** Passes on everything held, on a graceful stop, before the exporters drain. */
    default void flush() throws ConsumeException {
    }
}
