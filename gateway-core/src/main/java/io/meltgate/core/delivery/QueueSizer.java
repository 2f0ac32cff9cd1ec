package io.meltgate.core.delivery;

import io.meltgate.core.data.Batch;
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
     * The encoded size of the batch's resource-level messages: the received bytes where the batch still has them
     * (nothing is parsed), else protobuf's size (memoized by the message, so it costs nothing after the first call).
     */
    static long bytesOf(Batch batch) {
        long n = 0;
        for (int i = 0; i < batch.resourceCount(); i++) {
            com.google.protobuf.ByteString wire = batch.wireOf(i);
            n += 5 + (wire != null ? wire.size() : batch.resources().get(i).getSerializedSize());
        }
        return n;
    }
}
