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

    /** Passes on everything held, on a graceful stop, before the exporters drain. */
    default void flush() throws ConsumeException {
    }
}
