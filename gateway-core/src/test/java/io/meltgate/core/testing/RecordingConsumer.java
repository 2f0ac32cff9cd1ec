package io.meltgate.core.testing;

import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A consumer that records every batch it gets, for assertions; thread-safe. It can be told to refuse (to
 * play a full ring or a failing exporter) or to stall until released (to play a slow backend).
 */
public final class RecordingConsumer implements BatchConsumer {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Batch> batches = new ArrayList<>();
    private long items;
    private ConsumeException refuseWith;
    private boolean stalled;

    @Override
    public void consume(Batch batch) throws ConsumeException {
        lock.lock();
        try {
            while (stalled) {
                changed.awaitUninterruptibly();
            }
            if (refuseWith != null) {
                throw refuseWith;
            }
            batches.add(batch);
            items += batch.itemCount();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** From now on, refuse every batch with this exception (null to accept again). */
    public void refuseWith(ConsumeException e) {
        lock.lock();
        try {
            refuseWith = e;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks every caller of consume until {@link #release()}. */
    public void stall() {
        lock.lock();
        try {
            stalled = true;
        } finally {
            lock.unlock();
        }
    }

    public void release() {
        lock.lock();
        try {
            stalled = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public List<Batch> batches() {
        lock.lock();
        try {
            return List.copyOf(batches);
        } finally {
            lock.unlock();
        }
    }

    public long itemCount() {
        lock.lock();
        try {
            return items;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code n} items arrived; returns whether they did within the timeout. */
    public boolean awaitItems(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (items < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
