package io.meltgate.core.delivery;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.signal.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery engine every exporter is built on, the Collector's exporterhelper in Java: a bounded
 * {@link SendingQueue} drained by {@code num_consumers} sender threads, optional batching inside the queue
 * ({@code sending_queue.batch}), retries with exponential back-off ({@link RetryingSender}), a timeout per
 * try, and the Collector's exporter self-metrics.
 *
 * <p>{@link #consume} never blocks the pipeline thread, unless {@code block_on_overflow} is on: then it waits
 * for room in the queue, the pipeline's ring fills, and the receivers refuse with retryable answers
 * (back-pressure). Without it a batch that finds the queue full is dropped and counted in
 * {@code otelcol_exporter_enqueue_failed_*}. With {@code sending_queue.enabled: false} each batch is sent
 * (and retried) on the caller's thread.
 *
 * <p>Order: with one consumer ({@code num_consumers: 1}) batches leave in the order they were queued, and a
 * batch being retried holds back those behind it. With several consumers each batch is still delivered
 * exactly once, but batches taken by different consumers may overtake each other (a retried one arrives
 * after later ones).
 *
 * <p>{@link #shutdown()}: stops taking batches, delivers what is queued (with retries) within the drain time,
 * counts what is left as {@code send_failed}, stops the threads, then shuts the sender down.
 */
public final class QueuedExporter implements Exporter {

    private static final Logger LOG = Logger.getLogger(QueuedExporter.class.getName());
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ComponentContext context;
    private final BatchSender sender;
    private final QueueSettings queueSettings;
    private final Duration drainTimeout;
    private final ExporterMetrics metrics;
    private final RetryingSender retrying;
    private final SendingQueue queue;
    private final QueueBatchSettings batching;
    private final QueueSizer batchSizer;
    private final List<Thread> consumers = new ArrayList<>();
    private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private volatile boolean stopped;

    private QueuedExporter(Builder b) {
        this.context = b.context;
        this.sender = b.sender;
        this.queueSettings = b.queue;
        this.drainTimeout = b.drainTimeout;
        this.metrics = new ExporterMetrics(context);
        this.retrying = new RetryingSender(context, sender, b.retry, b.timeout, metrics);
        if (queueSettings.enabled()) {
            this.queue = new SendingQueue(QueueSizer.parse(queueSettings.effectiveSizer()), queueSettings.queueSize());
            metrics.registerQueue(context, b.signals, queue);
            this.batching = queueSettings.batch();
            this.batchSizer = batching == null ? null : QueueSizer.parse(queueSettings.effectiveBatchSizer());
        } else {
            this.queue = null;
            this.batching = null;
            this.batchSizer = null;
        }
    }

    public static Builder builder(ComponentContext context, BatchSender sender) {
        return new Builder(context, sender);
    }

    @Override
    public void start() throws Exception {
        sender.start();
        if (queue != null) {
            for (int i = 0; i < queueSettings.numConsumers(); i++) {
                Thread t = new Thread(this::drainQueue, "meltgate-exporter-" + context.id() + "-" + i);
                t.setDaemon(true);
                consumers.add(t);
                t.start();
            }
        }
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        if (batch.isEmpty()) {
            return;
        }
        if (queue == null) {
            if (stopped) {
                dropAtEnqueue(batch, "the exporter is stopped");
                return;
            }
            retrying.deliver(batch);
            return;
        }
        SendingQueue.Offer offer;
        try {
            offer = queue.offer(batch, queueSettings.blockOnOverflow());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConsumeException.retryable("interrupted while waiting for room in the sending queue of "
                    + context.id(), e);
        }
        switch (offer) {
            case ACCEPTED -> { }
            case FULL -> dropAtEnqueue(batch, "sending queue is full");
            case CLOSED -> dropAtEnqueue(batch, "the exporter is stopped");
        }
    }

    private void dropAtEnqueue(Batch batch, String why) {
        metrics.enqueueFailed.add(batch.signal(), batch.itemCount());
        long last = lastDropLog.get();
        long now = System.nanoTime();
        // Under overload this happens per batch at full rate: one line a second says it, the counter counts it.
        if (now - last >= LOG_INTERVAL_NANOS && lastDropLog.compareAndSet(last, now)) {
            LOG.warning("exporter " + context.id() + ": dropping data: " + why + " (counted in "
                    + "otelcol_exporter_enqueue_failed_" + batch.signal().itemNoun() + ")");
        }
    }

    /** A sender thread: takes batches (merging them when the queue batches), delivers them, until stopped. */
    private void drainQueue() {
        try {
            Batch head;
            while ((head = queue.take()) != null) {
                try {
                    if (batching == null) {
                        retrying.deliver(head);
                    } else {
                        for (Batch piece : QueueBatchCutter.split(collect(head), batching.maxSize(), batchSizer)) {
                            retrying.deliver(piece);
                        }
                    }
                } catch (RuntimeException e) {
                    // A bug, not a backend answer: log it and keep this sender thread serving the queue.
                    LOG.log(Level.SEVERE, "exporter " + context.id() + ": failed to deliver a batch", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Merges the batches that follow the head in the queue (of the same signal) until {@code min_size} is
     * reached or {@code flush_timeout} has passed since the head was taken.
     */
    private Batch collect(Batch head) throws InterruptedException {
        long size = batchSizer.sizeOf(head);
        if (size >= batching.minSize()) {
            return head;
        }
        List<Batch> parts = new ArrayList<>();
        parts.add(head);
        long deadline = System.nanoTime() + batching.flushTimeout().toNanos();
        boolean requestLimit = batchSizer == QueueSizer.REQUESTS && batching.maxSize() > 0;
        while (size < batching.minSize() && !(requestLimit && size >= batching.maxSize())) {
            Batch next = queue.pollSameSignal(head.signal(), deadline);
            if (next == null) {
                break;
            }
            parts.add(next);
            size += batchSizer.sizeOf(next);
        }
        return QueueBatchCutter.merge(parts);
    }

    @Override
    public void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        if (queue != null) {
            queue.close();
            retrying.stopRetryingAt(deadline);
            for (Thread t : consumers) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            List<Batch> left = queue.drainRemaining();
            if (!left.isEmpty()) {
                retrying.dropUnsent(left, "still queued when the drain time (" + drainTimeout + ") of the stop ran out");
            }
            for (Thread t : consumers) {
                if (t.isAlive()) {
                    t.interrupt();
                }
            }
        }
        sender.shutdown();
    }

    /** Builds a {@link QueuedExporter}; every setting defaults to the Collector's exporterhelper default. */
    public static final class Builder {
        private final ComponentContext context;
        private final BatchSender sender;
        private QueueSettings queue = QueueSettings.defaults();
        private RetrySettings retry = RetrySettings.defaults();
        private Duration timeout = Duration.ofSeconds(5);
        private Duration drainTimeout = Duration.ofSeconds(30);
        private Set<Signal> signals = EnumSet.allOf(Signal.class);

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

        /**
         * How long {@link #shutdown()} keeps delivering what is queued, retries included (default 30s); what
         * is left after it is dropped and counted as {@code send_failed}.
         */
        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = Objects.requireNonNull(drainTimeout);
            return this;
        }

        /** The signals the exporter serves: its queue gauges are registered per signal ({@code data_type}). */
        public Builder signals(Set<Signal> signals) {
            this.signals = signals.isEmpty() ? EnumSet.allOf(Signal.class) : EnumSet.copyOf(signals);
            return this;
        }

        public QueuedExporter build() {
            List<String> problems = new ArrayList<>(queue.validate());
            problems.addAll(retry.validate());
            if (timeout.isNegative()) {
                problems.add("timeout must not be negative");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new QueuedExporter(this);
        }
    }
}
