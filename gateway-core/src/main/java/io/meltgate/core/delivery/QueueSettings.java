package io.meltgate.core.delivery;

import io.meltgate.core.component.ComponentSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sending_queue}, with the Collector's exporterhelper names and defaults. {@code batch}, when present,
 * makes the queue batch what it holds before sending (the way current Collector configs batch, instead of a
 * batch processor); null means no batching in the queue.
 */
public record QueueSettings(boolean enabled, int numConsumers, int queueSize, boolean blockOnOverflow,
                            String sizer, QueueBatchSettings batch, String storage, boolean waitForResult)
        implements ComponentSettings {

    public static QueueSettings defaults() {
        return new QueueSettings(true, 10, 1000, false, "requests", null, null, false);
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
        if (!List.of("requests", "items", "bytes").contains(sizer)) {
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
