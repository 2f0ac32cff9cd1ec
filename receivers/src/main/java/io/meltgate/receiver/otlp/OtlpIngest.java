package io.meltgate.receiver.otlp;

import com.google.protobuf.ByteString;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.otlp.wire.ExportRequestDecoder;
import io.meltgate.core.health.HealthStatus;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.telemetry.ReceiverMetrics;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The half of the receiver both transports share: a decoded export request becomes a batch (invalid items
 * removed, see {@link InvalidItems}), goes to the signal's next consumer (the pipelines' ring publisher),
 * and the consumer's answer becomes an {@link ExportOutcome} that each transport words its own way. Counts
 * accepted and refused items per transport, and reports DEGRADED while refusing for overload.
 *
 * <p>Runs on the transports' network threads; thread-safe (the next consumers never block).
 */
public final class OtlpIngest {

    private final Map<Signal, BatchConsumer> next;
    private final HealthReporter health;
    private final AtomicBoolean overloaded = new AtomicBoolean();

    public OtlpIngest(Map<Signal, BatchConsumer> next, HealthReporter health) {
        this.next = next.isEmpty() ? Map.of() : new EnumMap<>(next);
        this.health = health;
    }

    /** Whether some pipeline takes this signal; a transport answers "unimplemented" / 404 when not. */
    public boolean serves(Signal signal) {
        return next.containsKey(signal);
    }

    public ExportOutcome traces(ExportTraceServiceRequest request, RequestMetadata metadata, ReceiverMetrics metrics) {
        return traces(request, null, metadata, metrics);
    }

    /**
     * @param wire the received bytes of each resource entry (from {@link ExportRequestDecoder}), or null; they
     *     travel with the batch so that exporters copy instead of encoding, unless an entry had to be changed
     */
    public ExportOutcome traces(ExportTraceServiceRequest request, List<ByteString> wire, RequestMetadata metadata,
                                ReceiverMetrics metrics) {
        InvalidItems.Filtered<ExportTraceServiceRequest> f = InvalidItems.spans(request);
        metrics.refused(Signal.TRACES, f.rejected());
        return deliver(SpanBatch.of(f.request().getResourceSpansList(), f.request() == request ? wire : null, metadata),
                f.rejected(), f.reason(), metrics);
    }

    /**
     * A request read by {@link ExportRequestDecoder}: when its entries were only scanned and hold no item to
     * reject, the batch goes on unparsed (exporters copy the bytes, processors parse what they read); otherwise
     * the request is parsed and its invalid items removed.
     */
    public ExportOutcome traces(ExportRequestDecoder.Decoded<ExportTraceServiceRequest> decoded, RequestMetadata metadata,
                                ReceiverMetrics metrics) {
        if (decoded.scanned() && decoded.invalidItems() == 0) {
            return deliver(decoded.batch(metadata), 0, "", metrics);
        }
        return traces(decoded.request(), decoded.wire(), metadata, metrics);
    }

    public ExportOutcome metrics(ExportRequestDecoder.Decoded<ExportMetricsServiceRequest> decoded, RequestMetadata metadata,
                                 ReceiverMetrics metrics) {
        if (decoded.scanned()) {
            return deliver(decoded.batch(metadata), 0, "", metrics);
        }
        return metrics(decoded.request(), decoded.wire(), metadata, metrics);
    }

    public ExportOutcome logs(ExportRequestDecoder.Decoded<ExportLogsServiceRequest> decoded, RequestMetadata metadata,
                              ReceiverMetrics metrics) {
        if (decoded.scanned() && decoded.invalidItems() == 0) {
            return deliver(decoded.batch(metadata), 0, "", metrics);
        }
        return logs(decoded.request(), decoded.wire(), metadata, metrics);
    }

    public ExportOutcome metrics(ExportMetricsServiceRequest request, RequestMetadata metadata, ReceiverMetrics metrics) {
        return metrics(request, null, metadata, metrics);
    }

    public ExportOutcome metrics(ExportMetricsServiceRequest request, List<ByteString> wire, RequestMetadata metadata,
                                 ReceiverMetrics metrics) {
        return deliver(MetricBatch.of(request.getResourceMetricsList(), wire, metadata), 0, "", metrics);
    }

    public ExportOutcome logs(ExportLogsServiceRequest request, RequestMetadata metadata, ReceiverMetrics metrics) {
        return logs(request, null, metadata, metrics);
    }

    public ExportOutcome logs(ExportLogsServiceRequest request, List<ByteString> wire, RequestMetadata metadata,
                              ReceiverMetrics metrics) {
        InvalidItems.Filtered<ExportLogsServiceRequest> f = InvalidItems.logs(request);
        metrics.refused(Signal.LOGS, f.rejected());
        return deliver(LogBatch.of(f.request().getResourceLogsList(), f.request() == request ? wire : null, metadata),
                f.rejected(), f.reason(), metrics);
    }

    private ExportOutcome deliver(Batch batch, long rejected, String reason, ReceiverMetrics metrics) {
        BatchConsumer consumer = next.get(batch.signal());
        if (consumer == null) {
            // Transports check serves() first; reaching here means a signal no pipeline takes.
            metrics.refused(batch.signal(), batch.itemCount());
            return ExportOutcome.permanent("no pipeline takes " + batch.signal().itemNoun());
        }
        if (batch.isEmpty()) {
            // Nothing to carry: answering without taking a ring slot keeps empty requests free.
            return ExportOutcome.partiallyAccepted(rejected, reason);
        }
        try {
            consumer.consume(batch);
        } catch (ConsumeException e) {
            metrics.refused(batch.signal(), batch.itemCount());
            if (e.isRetryable()) {
                if (overloaded.compareAndSet(false, true)) {
                    health.report(HealthStatus.DEGRADED, "refusing data: " + e.getMessage());
                }
                return ExportOutcome.retryable(e.getMessage(), e.retryAfter().orElse(null));
            }
            return ExportOutcome.permanent(e.getMessage());
        } catch (RuntimeException e) {
            metrics.refused(batch.signal(), batch.itemCount());
            return ExportOutcome.retryable("internal error: " + e, null);
        }
        metrics.accepted(batch.signal(), batch.itemCount());
        if (overloaded.get() && overloaded.compareAndSet(true, false)) {
            health.report(HealthStatus.HEALTHY, "accepting data again");
        }
        return ExportOutcome.partiallyAccepted(rejected, reason);
    }
}
