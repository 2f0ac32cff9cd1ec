package io.meltgate.processor.batch;

import io.meltgate.core.component.ComponentSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code batch} processor's options, with the Collector's names and meanings.
 *
 * @param timeout how long the oldest item may wait before its batch is sent regardless of size; 0 sends at once
 * @param sendBatchSize the item count that triggers a send (a trigger, not a limit)
 * @param sendBatchMaxSize the largest batch sent; bigger ones are split; 0 means no limit
 * @param metadataKeys request metadata keys whose distinct values get batches of their own
 * @param metadataCardinalityLimit how many distinct value combinations of {@code metadataKeys} are allowed
 */
public record BatchSettings(Duration timeout, int sendBatchSize, int sendBatchMaxSize, List<String> metadataKeys,
                            int metadataCardinalityLimit) implements ComponentSettings {

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (timeout == null || timeout.isNegative()) {
            problems.add("timeout must not be negative");
        }
        if (sendBatchSize < 0) {
            problems.add("send_batch_size must not be negative");
        }
        if (sendBatchMaxSize < 0) {
            problems.add("send_batch_max_size must not be negative");
        }
        if (sendBatchMaxSize > 0 && sendBatchMaxSize < sendBatchSize) {
            problems.add("send_batch_max_size must be greater or equal to send_batch_size");
        }
        if (metadataCardinalityLimit < 0) {
            problems.add("metadata_cardinality_limit must not be negative");
        }
        return problems;
    }
}
