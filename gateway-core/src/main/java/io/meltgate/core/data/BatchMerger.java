package io.meltgate.core.data;

import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates batches of one signal into one, by appending their resource entries (no item is copied or
 * re-encoded, resources are not de-duplicated: the same as the Collector's batch processor). Not thread-safe.
 */
public final class BatchMerger {

    private final List<ResourceSpans> spans = new ArrayList<>();
    private final List<ResourceMetrics> metrics = new ArrayList<>();
    private final List<ResourceLogs> logs = new ArrayList<>();
    private final List<com.google.protobuf.ByteString> wire = new ArrayList<>();
    private int items;
    /** Whether some entry gathered so far is known only as bytes (then the merged list is lazy too). */
    private boolean unparsed;

    public void add(Batch batch) {
        if (batch instanceof SpanBatch s) {
            addAll(spans, s.resourceSpans());
        } else if (batch instanceof MetricBatch m) {
            addAll(metrics, m.resourceMetrics());
        } else {
            addAll(logs, ((LogBatch) batch).resourceLogs());
        }
        for (int i = 0; i < batch.resourceCount(); i++) {
            wire.add(batch.wireOf(i));
        }
        items += batch.itemCount();
    }

    /** Appends the entries without parsing those that are still bytes (null stands for them). */
    private <R> void addAll(List<R> into, List<R> from) {
        if (from instanceof LazyResources<R> lazy) {
            for (int i = 0; i < lazy.size(); i++) {
                R r = lazy.parsedOrNull(i);
                unparsed |= r == null;
                into.add(r);
            }
        } else {
            into.addAll(from);
        }
    }

    public int itemCount() {
        return items;
    }

    public boolean isEmpty() {
        return items == 0 && spans.isEmpty() && metrics.isEmpty() && logs.isEmpty();
    }

    /** Everything added since the last take, as one batch of the given signal's type; empties the merger. */
    public Batch take(io.meltgate.core.signal.Signal signal, RequestMetadata metadata) {
        List<com.google.protobuf.ByteString> received = BatchSplitter.wireOrNull(wire) == null ? null
                : java.util.Collections.unmodifiableList(new ArrayList<>(wire));
        Batch b = switch (signal) {
            case TRACES -> new SpanBatch(unparsed ? LazyResources.mixed(wire, spans, ResourceSpans.parser())
                    : List.copyOf(spans), items, metadata, received);
            case METRICS -> new MetricBatch(unparsed ? LazyResources.mixed(wire, metrics, ResourceMetrics.parser())
                    : List.copyOf(metrics), items, metadata, received);
            case LOGS -> new LogBatch(unparsed ? LazyResources.mixed(wire, logs, ResourceLogs.parser())
                    : List.copyOf(logs), items, metadata, received);
        };
        spans.clear();
        metrics.clear();
        logs.clear();
        wire.clear();
        items = 0;
        unparsed = false;
        return b;
    }
}
