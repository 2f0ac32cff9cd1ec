package io.meltgate.bench.jmh;

import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.data.Batch;
import io.meltgate.core.otlp.wire.ExportRequestEncoder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end of the benchmarked pipeline: does to every batch what the otlp exporter does before the network,
 * encoding the export request with {@link ExportRequestEncoder} (copying each resource entry's received bytes), and
 * counts the items so the benchmark thread knows when the pipeline thread is done.
 */
final class EncodingExporter implements BatchConsumer {

    /** false: count only, as when the exporter queues the batch and its sender threads encode it. */
    private final boolean encode;

    private final AtomicLong items = new AtomicLong();
    /** Kept so the encoding cannot be optimised away. */
    private long encodedBytes;
    /** The pipeline thread, known once it delivered the first batch; its CPU time is the cost measured. */
    private volatile Thread pipelineThread;

    EncodingExporter(boolean encode) {
        this.encode = encode;
    }

    @Override
    public void consume(Batch batch) {
        if (pipelineThread == null) {
            pipelineThread = Thread.currentThread();
        }
        if (!encode) {
            items.addAndGet(batch.itemCount());
            return;
        }
        // Exactly what the otlp exporter sends: received entries copied, changed ones encoded.
        byte[] request = ExportRequestEncoder.encode(batch);
        encodedBytes += request.length;
        items.addAndGet(batch.itemCount());
    }

    long items() {
        return items.get();
    }

    /** The thread that delivered batches so far (the pipeline thread), or null before the first. */
    Thread pipelineThread() {
        return pipelineThread;
    }

    long encodedBytes() {
        return encodedBytes;
    }
}
