package io.meltgate.core.delivery;

import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import java.util.Locale;

/**
 * How the sending queue and its batching measure a batch ({@code sizer}): as one request, as its items
 * (spans, data points, log records), or as the bytes of its protobuf encoding.
 */
enum QueueSizer {
    REQUESTS,
    ITEMS,
    BYTES;

    static QueueSizer parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    long sizeOf(Batch batch) {
        return switch (this) {
            case REQUESTS -> 1;
            case ITEMS -> batch.itemCount();
            case BYTES -> bytesOf(batch);
        };
    }

    /**
     * The encoded size of the batch's resource-level messages (protobuf memoizes these sizes, so this costs
     * nothing after the first call and builds no request).
     */
    static long bytesOf(Batch batch) {
        long n = 0;
        if (batch instanceof SpanBatch b) {
            for (var r : b.resourceSpans()) {
                n += r.getSerializedSize() + 5;
            }
        } else if (batch instanceof MetricBatch b) {
            for (var r : b.resourceMetrics()) {
                n += r.getSerializedSize() + 5;
            }
        } else if (batch instanceof LogBatch b) {
            for (var r : b.resourceLogs()) {
                n += r.getSerializedSize() + 5;
            }
        }
        return n;
    }
}
