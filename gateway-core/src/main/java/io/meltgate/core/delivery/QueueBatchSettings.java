package io.meltgate.core.delivery;

import io.meltgate.core.component.ComponentSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sending_queue.batch}: the queue merges queued requests until {@code min_size} (in {@code sizer}
 * units) is reached or {@code flush_timeout} passes, and splits requests larger than {@code max_size}
 * (0: no limit). Defaults as the Collector's: 200ms, 8192, 0; {@code sizer} not set (null) follows the
 * queue's (see {@link QueueSettings#effectiveBatchSizer()}).
 */
public record QueueBatchSettings(Duration flushTimeout, long minSize, long maxSize, String sizer)
        implements ComponentSettings {

    public static QueueBatchSettings defaults() {
        return new QueueBatchSettings(Duration.ofMillis(200), 8192, 0, null);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (flushTimeout == null || flushTimeout.isNegative() || flushTimeout.isZero()) {
            problems.add("flush_timeout must be positive");
        }
        if (minSize < 0) {
            problems.add("min_size must not be negative");
        }
        if (maxSize < 0) {
            problems.add("max_size must not be negative");
        }
        if (maxSize > 0 && maxSize < minSize) {
            problems.add("max_size must be greater than or equal to min_size");
        }
        if (sizer != null && !sizer.isEmpty() && !List.of("items", "bytes", "requests").contains(sizer)) {
            problems.add("sizer must be items, bytes or requests, got '" + sizer + "'");
        }
        return problems;
    }
}
