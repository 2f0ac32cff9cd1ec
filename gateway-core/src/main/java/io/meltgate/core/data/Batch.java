package io.meltgate.core.data;

import io.meltgate.core.signal.Signal;
import java.util.List;

/**
 * The unit that travels a pipeline: decoded OTLP resource-level data of one signal, how many items it
 * holds, and the metadata of the request it came in.
 *
 * <p>Batches are immutable (their content is protobuf messages), so one batch can be handed to several
 * pipelines and exporters without a copy. A processor that changes data builds a new batch.
 */
public sealed interface Batch permits SpanBatch, MetricBatch, LogBatch {

    Signal signal();

    /** Spans, metric data points or log records in this batch, as the Collector counts them. */
    int itemCount();

    RequestMetadata metadata();

    /** Number of resource-level entries (ResourceSpans, ResourceMetrics, ResourceLogs). */
    int resourceCount();

    /** The resource-level entries, whatever the signal: for code that treats them alike (sizes, encoding). */
    List<? extends com.google.protobuf.Message> resources();

    boolean isEmpty();

    /**
     * The bytes resource entry {@code resource} was received as (its encoding inside the export request), or
     * null when they are not known (the entry was built or changed here, or came as JSON). Exporters copy these
     * bytes instead of encoding the entry again: decode once, encode only what changed.
     */
    com.google.protobuf.ByteString wireOf(int resource);
}
