package io.meltgate.core.component;

import io.meltgate.core.consumer.BatchConsumer;

/**
 * Sends batches to a backend. One exporter instance serves every pipeline that lists its id, so
 * {@link #consume} may be called from several pipeline threads at once and must be thread-safe.
 * {@link #shutdown()} delivers what is queued, within the exporter's own timeout, before it returns.
 */
public interface Exporter extends BatchConsumer, Component {

    /**
     * Whether {@link #consume} itself reads the items, on the calling pipeline thread (routing them, say). Most
     * exporters queue the batch and read it, if at all, on their own sender threads. See
     * {@link Processor#readsItems()}: a pipeline with such an exporter gets its batches parsed by the receivers.
     */
    default boolean readsItemsOnConsume() {
        return false;
    }
}
