package io.meltgate.core.delivery;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.data.Batch;
import io.meltgate.core.health.HealthStatus;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one batch through the {@link BatchSender}: tries it, and on a retryable error waits (the delay the
 * backend asked for, else exponential back-off with jitter) and tries again, until it succeeds, fails
 * permanently, or {@code max_elapsed_time} would pass. Counts every outcome and reports the exporter's
 * health: DEGRADED while retrying, UNHEALTHY after giving up, HEALTHY again on the next success.
 * Thread-safe: each call keeps its own back-off.
 */
final class RetryingSender {

    private static final Logger LOG = Logger.getLogger(RetryingSender.class.getName());

    private final ComponentContext context;
    private final BatchSender sender;
    private final RetrySettings retry;
    private final Duration timeout;
    private final ExporterMetrics metrics;
    private final ReentrantLock stopLock = new ReentrantLock();
    private final Condition stopping = stopLock.newCondition();
    /** {@link System#nanoTime()} after which waits end and batches still failing are given up; set by stop. */
    private volatile long giveUpAt = Long.MAX_VALUE;
    private volatile boolean stopRequested;
    private volatile HealthStatus lastReported;

    RetryingSender(ComponentContext context, BatchSender sender, RetrySettings retry, Duration timeout,
                   ExporterMetrics metrics) {
        this.context = context;
        this.sender = sender;
        this.retry = retry;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /** Delivers or gives up on the batch, counting the outcome. Never throws. */
    void deliver(Batch batch) {
        long start = System.nanoTime();
        Backoff backoff = null;
        int tries = 0;
        while (true) {
            tries++;
            try {
                SendResult result = sender.send(batch, timeout);
                metrics.sent.add(batch.signal(), batch.itemCount() - result.rejectedItems());
                if (result.rejectedItems() > 0) {
                    metrics.sendFailed.add(batch.signal(), result.rejectedItems());
                    LOG.warning(() -> "exporter " + context.id() + ": backend rejected " + result.rejectedItems()
                            + " of " + batch.itemCount() + " " + batch.signal().itemNoun() + " (partial success): "
                            + result.message());
                }
                report(HealthStatus.HEALTHY, "");
                return;
            } catch (SendException e) {
                if (!e.isRetryable() || !retry.enabled()) {
                    giveUp(batch, (e.isRetryable() ? "retry_on_failure is disabled: " : "permanent error: ")
                            + e.getMessage(), e.isRetryable() ? HealthStatus.UNHEALTHY : HealthStatus.DEGRADED, e);
                    return;
                }
                if (backoff == null) {
                    backoff = new Backoff(retry);
                }
                Duration wait = e.retryAfter().filter(d -> !d.isNegative()).orElseGet(backoff::next);
                long now = System.nanoTime();
                long maxElapsed = retry.maxElapsedTime().toNanos();
                if (maxElapsed > 0 && now + wait.toNanos() - start > maxElapsed) {
                    giveUp(batch, "no more retries left after " + tries + " tries in "
                            + Duration.ofNanos(now - start).toMillis() + "ms: " + e.getMessage(),
                            HealthStatus.UNHEALTHY, e);
                    return;
                }
                if (stopRequested && now + wait.toNanos() - giveUpAt > 0) {
                    giveUp(batch, "the exporter is stopping and its drain time is over: " + e.getMessage(),
                            HealthStatus.UNHEALTHY, e);
                    return;
                }
                metrics.retried.add(batch.signal(), batch.itemCount());
                report(HealthStatus.DEGRADED, "retrying: " + e.getMessage());
                int triesSoFar = tries;
                LOG.info(() -> "exporter " + context.id() + ": sending " + batch.itemCount() + " "
                        + batch.signal().itemNoun() + " failed (try " + triesSoFar + "), retrying in "
                        + wait.toMillis() + "ms: " + e.getMessage());
                if (!sleep(wait)) {
                    giveUp(batch, "interrupted while waiting to retry: " + e.getMessage(), HealthStatus.UNHEALTHY, e);
                    return;
                }
            } catch (RuntimeException e) {
                // A bug in the sender, not an answer from the backend: trying again would fail the same way.
                giveUp(batch, "sender failed: " + e, HealthStatus.UNHEALTHY, e);
                return;
            }
        }
    }

    private void giveUp(Batch batch, String why, HealthStatus status, Exception e) {
        metrics.sendFailed.add(batch.signal(), batch.itemCount());
        report(status, "dropped " + batch.itemCount() + " " + batch.signal().itemNoun() + ": " + why);
        LOG.log(Level.WARNING, "exporter " + context.id() + ": dropped " + batch.itemCount() + " "
                + batch.signal().itemNoun() + ": " + why, e instanceof RuntimeException ? e : null);
    }

    /** Counts a batch that never got a try (still queued when the stop ran out of time). */
    void dropUnsent(Batch batch, String why) {
        metrics.sendFailed.add(batch.signal(), batch.itemCount());
        LOG.warning("exporter " + context.id() + ": dropped " + batch.itemCount() + " " + batch.signal().itemNoun()
                + ": " + why);
    }

    private void report(HealthStatus status, String message) {
        // Reported on change only when healthy: a success per batch must not cost a map update per batch.
        if (status != HealthStatus.HEALTHY || lastReported != HealthStatus.HEALTHY) {
            lastReported = status;
            context.health().report(status, message);
        }
    }

    /** Sleeps for the wait, or until the drain deadline of a stop; false when interrupted. */
    private boolean sleep(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        stopLock.lock();
        try {
            while (true) {
                long left = Math.min(until, giveUpAt) - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                stopping.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            stopLock.unlock();
        }
    }

    /**
     * From now on, retries only until the deadline ({@link System#nanoTime()}); a batch still failing then is
     * given up and counted, so a stop never waits for a dead backend longer than its drain time.
     */
    void stopRetryingAt(long deadlineNanos) {
        stopLock.lock();
        try {
            stopRequested = true;
            giveUpAt = deadlineNanos;
            stopping.signalAll();
        } finally {
            stopLock.unlock();
        }
    }
}
