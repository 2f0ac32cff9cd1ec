package io.meltgate.core.consumer;

import io.meltgate.core.data.Batch;
import java.util.List;

/**
 * Hands each batch to every consumer in turn (the end of a pipeline, feeding its exporters). The batch is
 * immutable, so all of them get the same instance. Every consumer is tried even when one fails; the first
 * failure is rethrown afterwards, so one dead exporter does not starve the others.
 */
public final class FanOutConsumer implements BatchConsumer {

    private final BatchConsumer[] consumers;

    private FanOutConsumer(List<? extends BatchConsumer> consumers) {
        this.consumers = consumers.toArray(new BatchConsumer[0]);
    }

    /** The single consumer itself when there is one, a fan-out otherwise. */
    public static BatchConsumer of(List<? extends BatchConsumer> consumers) {
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("a fan-out needs at least one consumer");
        }
        return consumers.size() == 1 ? consumers.get(0) : new FanOutConsumer(consumers);
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        ConsumeException first = null;
        for (BatchConsumer c : consumers) {
            try {
                c.consume(batch);
            } catch (ConsumeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
