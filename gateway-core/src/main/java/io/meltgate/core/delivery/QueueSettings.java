package io.meltgate.core.delivery;

import io.meltgate.core.component.ComponentSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sending_queue}, with the Collector's exporterhelper names and defaults. {@code batch}, when present,
 * makes the queue batch what it holds before sending (the way current Collector configs batch, instead of a
 * batch processor); null means no batching in the queue.
 *
 * <p>{@code sizer} null means "not set": the queue then counts requests, and {@code batch.sizer}, when it is
 * not set either, counts items; a {@code batch.sizer} that is not set takes the queue's {@code sizer} when
 * that one is set. These are the Collector's rules.
 */
public record QueueSettings(boolean enabled, int numConsumers, int queueSize, boolean blockOnOverflow,
                            String sizer, QueueBatchSettings batch, String storage, boolean waitForResult)
        implements ComponentSettings {

    public static QueueSettings defaults() {
        return new QueueSettings(true, 10, 1000, false, null, null, null, false);
    }

    /** What the queue's capacity is counted in: {@code sizer}, or requests when it is not set. */
    public String effectiveSizer() {
        return sizer == null || sizer.isEmpty() ? "requests" : sizer;
    }

    /** What {@code batch} sizes are counted in: its own sizer, else the queue's when set, else items. */
    public String effectiveBatchSizer() {
        if (batch != null && batch.sizer() != null && !batch.sizer().isEmpty()) {
            return batch.sizer();
        }
        return sizer == null || sizer.isEmpty() ? "items" : sizer;
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (!enabled) {
            return problems;
        }
        if (numConsumers <= 0) {
            problems.add("num_consumers must be positive, got " + numConsumers);
        }
        if (queueSize <= 0) {
            problems.add("queue_size must be positive, got " + queueSize);
        }
        if (sizer != null && !sizer.isEmpty() && !List.of("requests", "items", "bytes").contains(sizer)) {
            problems.add("sizer must be requests, items or bytes, got '" + sizer + "'");
        }
        if (storage != null && !storage.isEmpty()) {
            problems.add("storage (a persistent queue) is not supported yet: remove it to use the in-memory queue");
        }
        if (waitForResult) {
            problems.add("wait_for_result is not supported yet: remove it or set it to false");
        }
        return problems;
    }
}
