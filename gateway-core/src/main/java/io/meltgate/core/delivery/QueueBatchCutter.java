package io.meltgate.core.delivery;

import io.meltgate.core.data.Batch;
import io.meltgate.core.data.BatchMerger;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import com.google.protobuf.MessageLite;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The data half of {@code sending_queue.batch}: merges queued batches of one signal into one, and splits a
 * batch larger than {@code max_size} into pieces that fit, keeping each item under its own resource and
 * scope. Stateless.
 *
 * <p>Splitting works item by item for spans and log records; for metrics the unit is a whole
 * {@code Metric} (with all its data points), so a single metric with more points than {@code max_size}
 * travels alone, over the limit, rather than being cut.
 */
final class QueueBatchCutter {

    private QueueBatchCutter() {
    }

    /**
     * One batch holding every batch of the list, in order (all of one signal), with the first one's metadata.
     * The merging itself (resource entries appended, received bytes kept) is {@link BatchMerger}'s.
     */
    static Batch merge(List<Batch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        BatchMerger merger = new BatchMerger();
        for (Batch b : batches) {
            merger.add(b);
        }
        Batch first = batches.get(0);
        return merger.take(first.signal(), first.metadata());
    }

    /**
     * The batch cut into pieces of at most {@code maxSize} (in items or bytes), in order; the batch itself
     * when it fits or when {@code maxSize} is 0 or the sizer counts requests.
     */
    static List<Batch> split(Batch batch, long maxSize, QueueSizer sizer) {
        if (maxSize <= 0 || sizer == QueueSizer.REQUESTS || sizer.sizeOf(batch) <= maxSize) {
            return List.of(batch);
        }
        boolean bytes = sizer == QueueSizer.BYTES;
        RequestMetadata md = batch.metadata();
        if (batch instanceof SpanBatch b) {
            return cut(b.resourceSpans(), SPANS, bytes ? s -> s.getSerializedSize() + 3L : s -> 1L, maxSize, bytes).stream()
                    .<Batch>map(rs -> SpanBatch.of(rs, md)).toList();
        } else if (batch instanceof MetricBatch b) {
            return cut(b.resourceMetrics(), METRICS,
                    bytes ? m -> m.getSerializedSize() + 3L : m -> MetricBatch.dataPointCount(m), maxSize, bytes).stream()
                    .<Batch>map(rm -> MetricBatch.of(rm, md)).toList();
        } else {
            LogBatch b = (LogBatch) batch;
            return cut(b.resourceLogs(), LOGS, bytes ? l -> l.getSerializedSize() + 3L : l -> 1L, maxSize, bytes).stream()
                    .<Batch>map(rl -> LogBatch.of(rl, md)).toList();
        }
    }

    /** How to take apart and rebuild the three levels (resource, scope, item) of one signal's data. */
    private record Shape<R, RB, S, SB, I>(Function<R, List<S>> scopes, Function<S, List<I>> items,
                                           Function<R, RB> emptyResource, Function<S, SB> emptyScope,
                                           BiConsumer<SB, I> addItem, BiConsumer<RB, SB> addScope,
                                           Function<RB, R> build) {
    }

    private static final Shape<ResourceSpans, ResourceSpans.Builder, ScopeSpans, ScopeSpans.Builder, Span> SPANS =
            new Shape<>(ResourceSpans::getScopeSpansList, ScopeSpans::getSpansList,
                    r -> r.toBuilder().clearScopeSpans(), s -> s.toBuilder().clearSpans(),
                    ScopeSpans.Builder::addSpans, ResourceSpans.Builder::addScopeSpans, ResourceSpans.Builder::build);

    private static final Shape<ResourceMetrics, ResourceMetrics.Builder, ScopeMetrics, ScopeMetrics.Builder, Metric>
            METRICS = new Shape<>(ResourceMetrics::getScopeMetricsList, ScopeMetrics::getMetricsList,
                    r -> r.toBuilder().clearScopeMetrics(), s -> s.toBuilder().clearMetrics(),
                    ScopeMetrics.Builder::addMetrics, ResourceMetrics.Builder::addScopeMetrics,
                    ResourceMetrics.Builder::build);

    private static final Shape<ResourceLogs, ResourceLogs.Builder, ScopeLogs, ScopeLogs.Builder, LogRecord> LOGS =
            new Shape<>(ResourceLogs::getScopeLogsList, ScopeLogs::getLogRecordsList,
                    r -> r.toBuilder().clearScopeLogs(), s -> s.toBuilder().clearLogRecords(),
                    ScopeLogs.Builder::addLogRecords, ResourceLogs.Builder::addScopeLogs, ResourceLogs.Builder::build);

    private static <R extends MessageLite, RB, S extends MessageLite, SB extends MessageLite.Builder, I>
            List<List<R>> cut(List<R> resources, Shape<R, RB, S, SB, I> shape, ToLongFunction<I> cost, long maxSize,
                              boolean countEnvelopes) {
        List<List<R>> pieces = new ArrayList<>();
        List<R> current = new ArrayList<>();
        long currentSize = 0;
        for (R resource : resources) {
            RB rb = null;
            // With the bytes sizer the resource and scope each piece repeats count too, or pieces overshoot.
            long resourceCost = countEnvelopes ? envelope(shape.build().apply(shape.emptyResource().apply(resource))) : 0;
            for (S scope : shape.scopes().apply(resource)) {
                SB sb = null;
                long scopeCost = countEnvelopes ? envelope(shape.emptyScope().apply(scope).build()) : 0;
                for (I item : shape.items().apply(scope)) {
                    long c = cost.applyAsLong(item);
                    long opening = (rb == null ? resourceCost : 0) + (sb == null ? scopeCost : 0);
                    if (currentSize > 0 && currentSize + opening + c > maxSize) {
                        if (sb != null) {
                            shape.addScope().accept(rb, sb);
                            sb = null;
                        }
                        if (rb != null) {
                            current.add(shape.build().apply(rb));
                            rb = null;
                        }
                        pieces.add(current);
                        current = new ArrayList<>();
                        currentSize = 0;
                    }
                    if (rb == null) {
                        rb = shape.emptyResource().apply(resource);
                        currentSize += resourceCost;
                    }
                    if (sb == null) {
                        sb = shape.emptyScope().apply(scope);
                        currentSize += scopeCost;
                    }
                    shape.addItem().accept(sb, item);
                    currentSize += c;
                }
                if (sb != null) {
                    shape.addScope().accept(rb, sb);
                }
            }
            if (rb != null) {
                current.add(shape.build().apply(rb));
            }
        }
        if (!current.isEmpty()) {
            pieces.add(current);
        }
        return pieces;
    }

    private static long envelope(MessageLite m) {
        return m.getSerializedSize() + 5L;
    }
}
