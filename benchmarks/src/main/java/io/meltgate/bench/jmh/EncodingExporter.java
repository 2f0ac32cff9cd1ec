package io.meltgate.bench.jmh;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.meltgate.bench.OtlpRequests;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.data.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end of the benchmarked pipeline: does to every batch what the otlp exporter does before the network,
 * building the export request and encoding it (into a reused buffer, as a pooled gRPC stream would), and
 * counts the items so the benchmark thread knows when the pipeline thread is done.
 */
final class EncodingExporter implements BatchConsumer {

    /** false: count only, as when the exporter queues the batch and its sender threads encode it. */
    private final boolean encode;

    private final AtomicLong items = new AtomicLong();
    private byte[] buffer = new byte[1 << 20];
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
        MessageLite request = OtlpRequests.toRequest(batch);
        int size = request.getSerializedSize();
        if (size > buffer.length) {
            buffer = new byte[Integer.highestOneBit(size) << 1];
        }
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(buffer, 0, size);
            request.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        encodedBytes += size;
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
