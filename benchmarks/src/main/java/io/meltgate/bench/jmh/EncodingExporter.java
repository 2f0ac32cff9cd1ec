package io.meltgate.bench.jmh;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.meltgate.bench.OtlpRequests;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.data.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end of the benchmarked pipeline: does to every batch what the otlp exporter does before the network,
 * building the export request and encoding it (into a reused buffer, as a pooled gRPC stream would), and
 * counts the items so the benchmark thread knows when the pipeline thread is done.
 */
final class EncodingExporter implements BatchConsumer {

    private final AtomicLong items = new AtomicLong();
    private byte[] buffer = new byte[1 << 20];
    /** Kept so the encoding cannot be optimised away. */
    private long encodedBytes;
    /** The pipeline thread, known once it delivered the first batch; its CPU time is the cost measured. */
    private volatile Thread pipelineThread;

    @Override
    public void consume(Batch batch) {
        if (pipelineThread == null) {
            pipelineThread = Thread.currentThread();
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

    /** CPU time the pipeline thread has used so far, in nanoseconds; -1 before the first batch. */
    long pipelineCpuNanos() {
        Thread t = pipelineThread;
        return t == null ? -1 : ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
    }

    long encodedBytes() {
        return encodedBytes;
    }
}
