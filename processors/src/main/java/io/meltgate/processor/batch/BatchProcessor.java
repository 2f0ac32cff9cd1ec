package io.meltgate.processor.batch;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.BatchMerger;
import io.meltgate.core.data.BatchSplitter;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.signal.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups incoming batches until {@code send_batch_size} items are held or the oldest has waited
 * {@code timeout}, then passes them on as one batch (split at {@code send_batch_max_size}). With
 * {@code metadata_keys}, each distinct combination of those request metadata values is batched on its own.
 *
 * <p>Runs on the pipeline thread only: plain fields, no locks. Merging appends resource entries; no item is
 * copied.
 */
final class BatchProcessor implements Processor {

    /** The Collector's bucket bounds for {@code otelcol_processor_batch_batch_send_size}. */
    private static final double[] SEND_SIZE_BUCKETS = {10, 25, 50, 75, 100, 250, 500, 750, 1000, 2000, 3000, 4000,
            5000, 6000, 7000, 8000, 9000, 10000, 20000, 30000, 50000, 100000};

    private final BatchSettings settings;
    private final Signal signal;
    private final BatchConsumer next;
    private final long timeoutNanos;
    private final int maxSize;
    private final Shard single;
    private final Map<List<String>, Shard> shards = new HashMap<>();
    private final DistributionSummary sendSize;
    private final Counter sizeTrigger;
    private final Counter timeoutTrigger;

    BatchProcessor(ComponentContext context, BatchSettings settings, Signal signal, BatchConsumer next) {
        this.settings = settings;
        this.signal = signal;
        this.next = next;
        this.timeoutNanos = settings.timeout().toNanos();
        this.maxSize = settings.sendBatchMaxSize();
        this.single = settings.metadataKeys().isEmpty() ? new Shard(RequestMetadata.EMPTY) : null;
        this.sendSize = DistributionSummary.builder("otelcol_processor_batch_batch_send_size")
                .description("Number of units in the batch").tags(context.tags())
                .serviceLevelObjectives(SEND_SIZE_BUCKETS).register(context.meters());
        this.sizeTrigger = Counter.builder("otelcol_processor_batch_batch_size_trigger_send")
                .description("Number of times the batch was sent due to a size trigger").tags(context.tags())
                .register(context.meters());
        this.timeoutTrigger = Counter.builder("otelcol_processor_batch_timeout_trigger_send")
                .description("Number of times the batch was sent due to a timeout trigger").tags(context.tags())
                .register(context.meters());
        // One processor instance runs per pipeline; the signal tag keeps their gauges apart (counters just add up).
        Gauge.builder("otelcol_processor_batch_metadata_cardinality", shards, Map::size)
                .description("Number of distinct metadata value combinations being processed")
                .tags(context.tags()).tag("signal", signal.yamlName()).register(context.meters());
    }

    /** It appends whole resource entries; only cutting at {@code send_batch_max_size} reads inside them. */
    @Override
    public boolean readsItems() {
        return maxSize > 0;
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        if (timeoutNanos == 0) {
            send(batch);
            return;
        }
        Shard shard = shardFor(batch.metadata());
        if (shard.merger.isEmpty()) {
            shard.oldestNanos = System.nanoTime();
        }
        shard.merger.add(batch);
        if (settings.sendBatchSize() > 0) {
            while (shard.merger.itemCount() >= settings.sendBatchSize()) {
                sizeTrigger.increment();
                sendBySize(shard);
            }
        }
    }

    /** Sends full batches; a tail smaller than send_batch_size stays to be batched further. */
    private void sendBySize(Shard shard) throws ConsumeException {
        List<Batch> pieces = BatchSplitter.split(shard.merger.take(signal, shard.metadata), maxSize);
        int last = pieces.size() - 1;
        for (int i = 0; i < last; i++) {
            emit(pieces.get(i));
        }
        Batch tail = pieces.get(last);
        if (tail.itemCount() >= settings.sendBatchSize()) {
            emit(tail);
        } else {
            shard.merger.add(tail);
            shard.oldestNanos = System.nanoTime();
        }
    }

    @Override
    public void onTick(long nanoTime) throws ConsumeException {
        if (single != null) {
            tick(single, nanoTime);
            return;
        }
        for (Shard shard : shards.values()) {
            tick(shard, nanoTime);
        }
    }

    private void tick(Shard shard, long nanoTime) throws ConsumeException {
        if (!shard.merger.isEmpty() && nanoTime - shard.oldestNanos >= timeoutNanos) {
            timeoutTrigger.increment();
            send(shard.merger.take(signal, shard.metadata));
        }
    }

    @Override
    public void flush() throws ConsumeException {
        if (single != null) {
            if (!single.merger.isEmpty()) {
                send(single.merger.take(signal, single.metadata));
            }
            return;
        }
        for (Shard shard : shards.values()) {
            if (!shard.merger.isEmpty()) {
                send(shard.merger.take(signal, shard.metadata));
            }
        }
    }

    private void send(Batch batch) throws ConsumeException {
        for (Batch piece : BatchSplitter.split(batch, maxSize)) {
            emit(piece);
        }
    }

    private void emit(Batch piece) throws ConsumeException {
        sendSize.record(piece.itemCount());
        next.consume(piece);
    }

    private Shard shardFor(RequestMetadata metadata) throws ConsumeException {
        if (single != null) {
            return single;
        }
        List<String> key = new ArrayList<>(settings.metadataKeys().size());
        Map<String, List<String>> kept = new HashMap<>();
        for (String k : settings.metadataKeys()) {
            List<String> values = metadata.headers().getOrDefault(k.toLowerCase(java.util.Locale.ROOT), List.of());
            key.add(String.join(";", values));
            if (!values.isEmpty()) {
                kept.put(k.toLowerCase(java.util.Locale.ROOT), values);
            }
        }
        Shard shard = shards.get(key);
        if (shard == null) {
            if (settings.metadataCardinalityLimit() > 0 && shards.size() >= settings.metadataCardinalityLimit()) {
                throw ConsumeException.permanent("too many batcher metadata-value combinations (limit "
                        + settings.metadataCardinalityLimit() + ")");
            }
            shard = new Shard(new RequestMetadata(metadata.clientAddress(), kept));
            shards.put(key, shard);
        }
        return shard;
    }

    /** The batch being built for one combination of metadata values. */
    private static final class Shard {
        final BatchMerger merger = new BatchMerger();
        final RequestMetadata metadata;
        long oldestNanos;

        Shard(RequestMetadata metadata) {
            this.metadata = metadata;
        }
    }
}
