package io.meltgate.core.component;

import io.meltgate.core.consumer.BatchConsumer;

/**
 * Sends batches to a backend. One exporter instance serves every pipeline that lists its id, so
 * {@link #consume} may be called from several pipeline threads at once and must be thread-safe.
 * {@link #shutdown()} delivers what is queued, within the exporter's own timeout, before it returns.
 */
public interface Exporter extends BatchConsumer, Component {
}
