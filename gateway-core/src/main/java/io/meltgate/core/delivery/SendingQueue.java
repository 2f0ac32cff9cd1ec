package io.meltgate.core.delivery;

import io.meltgate.core.data.Batch;
import io.meltgate.core.signal.Signal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded in-memory queue between the pipelines and an exporter's sender threads, measured in
 * requests, items or bytes ({@code sending_queue.sizer}). First in, first out. Thread-safe.
 *
 * <p>A batch larger than the whole capacity is still taken when the queue is empty, so that it is sent
 * rather than refused forever.
 */
final class SendingQueue {

    /** What became of an offered batch. */
    enum Offer { ACCEPTED, FULL, CLOSED }

    private record Entry(Batch batch, long size) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final long[] usedBySignal = new long[Signal.values().length];
    private final QueueSizer sizer;
    private final long capacity;
    private long used;
    private boolean closed;

    SendingQueue(QueueSizer sizer, long capacity) {
        this.sizer = sizer;
        this.capacity = capacity;
    }

    /**
     * Adds the batch at the tail. When the queue has no room, waits for room if {@code block} (until it is
     * closed), or returns {@link Offer#FULL} at once.
     */
    Offer offer(Batch batch, boolean block) throws InterruptedException {
        long size = sizer.sizeOf(batch);
        lock.lock();
        try {
            while (!closed && used > 0 && used + size > capacity) {
                if (!block) {
                    return Offer.FULL;
                }
                notFull.await();
            }
            if (closed) {
                return Offer.CLOSED;
            }
            entries.addLast(new Entry(batch, size));
            used += size;
            usedBySignal[batch.signal().ordinal()] += size;
            notEmpty.signal();
            return Offer.ACCEPTED;
        } finally {
            lock.unlock();
        }
    }

    /** The head batch, waiting for one; null once the queue is closed and empty. */
    Batch take() throws InterruptedException {
        lock.lock();
        try {
            while (entries.isEmpty()) {
                if (closed) {
                    return null;
                }
                notEmpty.await();
            }
            return removeHead();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The head batch if it is of this signal, waiting for one until the deadline ({@link System#nanoTime()});
     * null when the deadline passes, when the head is of another signal (so batching never reorders), or
     * when the queue is closed and empty (a stopping exporter flushes at once).
     */
    Batch pollSameSignal(Signal signal, long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (entries.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (closed || left <= 0) {
                    return null;
                }
                notEmpty.awaitNanos(left);
            }
            return entries.peekFirst().batch().signal() == signal ? removeHead() : null;
        } finally {
            lock.unlock();
        }
    }

    private Batch removeHead() {
        Entry e = entries.removeFirst();
        used -= e.size();
        usedBySignal[e.batch().signal().ordinal()] -= e.size();
        notFull.signalAll();
        if (!entries.isEmpty()) {
            notEmpty.signal();
        }
        return e.batch();
    }

    /** Takes no more batches; wakes producers waiting for room (they get {@link Offer#CLOSED}). */
    void close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns everything still queued (a stop that ran out of time). */
    List<Batch> drainRemaining() {
        lock.lock();
        try {
            List<Batch> left = new ArrayList<>(entries.size());
            while (!entries.isEmpty()) {
                left.add(removeHead());
            }
            return left;
        } finally {
            lock.unlock();
        }
    }

    /** Queued size in sizer units. */
    long size() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** Queued size of one signal's batches, in sizer units. */
    long size(Signal signal) {
        lock.lock();
        try {
            return usedBySignal[signal.ordinal()];
        } finally {
            lock.unlock();
        }
    }

    long capacity() {
        return capacity;
    }

    /** Waits up to the timeout for room; for tests. */
    boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            while (!entries.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                notFull.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
