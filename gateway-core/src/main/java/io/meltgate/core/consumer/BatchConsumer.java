package io.meltgate.core.consumer;

import io.meltgate.core.data.Batch;

/**
 * Takes a batch and passes it on. Everything in a pipeline is one: the ring publisher a receiver feeds, each
 * processor (a consumer of the next), and each exporter.
 *
 * <p>Batches are immutable, so a consumer never needs a private copy and a fan-out never clones.
 */
@FunctionalInterface
public interface BatchConsumer {

    /**
     * Takes the batch. Returns once the consumer is responsible for it (queued, processed, delivered or
     * counted as dropped); throws when it refuses it, saying whether the sender may try again.
     */
    void consume(Batch batch) throws ConsumeException;
}
