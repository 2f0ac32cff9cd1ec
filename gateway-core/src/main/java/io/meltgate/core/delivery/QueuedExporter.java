package io.meltgate.core.delivery;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.telemetry.SignalCounters;
import java.time.Duration;
import java.util.Objects;

/**
 * The delivery engine every exporter is built on: a bounded sending queue, sender threads, retries with
 * exponential back-off, a timeout per try, and the Collector's exporter self-metrics.
 *
 * <p>PROVISIONAL: this first version sends synchronously on the caller's thread, once, with no queue and no
 * retry; the builder is the final API.
 */
public final class QueuedExporter implements Exporter {

    private final ComponentContext context;
    private final BatchSender sender;
    private final Duration timeout;
    private final SignalCounters sent;
    private final SignalCounters failed;

    private QueuedExporter(Builder b) {
        this.context = b.context;
        this.sender = b.sender;
        this.timeout = b.timeout;
        this.sent = new SignalCounters(context.meters(), "otelcol_exporter_sent",
                "Number of {items} successfully sent to destination.", context.tags());
        this.failed = new SignalCounters(context.meters(), "otelcol_exporter_send_failed",
                "Number of {items} in failed attempts to send to destination.", context.tags());
    }

    public static Builder builder(ComponentContext context, BatchSender sender) {
        return new Builder(context, sender);
    }

    @Override
    public void start() throws Exception {
        sender.start();
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        try {
            SendResult r = sender.send(batch, timeout);
            sent.add(batch.signal(), batch.itemCount() - r.rejectedItems());
            failed.add(batch.signal(), r.rejectedItems());
        } catch (SendException e) {
            failed.add(batch.signal(), batch.itemCount());
            context.health().report(io.meltgate.core.health.HealthStatus.DEGRADED, e.getMessage());
        }
    }

    @Override
    public void shutdown() {
        sender.shutdown();
    }

    /** Builds a {@link QueuedExporter}; every setting defaults to the Collector's exporterhelper default. */
    public static final class Builder {
        private final ComponentContext context;
        private final BatchSender sender;
        private QueueSettings queue = QueueSettings.defaults();
        private RetrySettings retry = RetrySettings.defaults();
        private Duration timeout = Duration.ofSeconds(5);

        private Builder(ComponentContext context, BatchSender sender) {
            this.context = Objects.requireNonNull(context);
            this.sender = Objects.requireNonNull(sender);
        }

        public Builder queue(QueueSettings queue) {
            this.queue = Objects.requireNonNull(queue);
            return this;
        }

        public Builder retry(RetrySettings retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        /** Time allowed for one try of one send ({@code timeout}, default 5s; 0 means none). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        public QueuedExporter build() {
            return new QueuedExporter(this);
        }
    }
}
