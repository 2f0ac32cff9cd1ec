package io.meltgate.core.delivery;

import io.meltgate.core.data.Batch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * A {@link BatchSender} that answers from a script: each try takes the next scripted answer (an exception to
 * throw, or a result), and succeeds once the script is used up. Records every try and every accepted batch.
 * Can hold senders at a gate to play a slow backend.
 */
final class ScriptedSender implements BatchSender {

    private final Deque<Object> script = new ArrayDeque<>();
    private final List<Batch> tries = new ArrayList<>();
    private final List<Long> tryTimes = new ArrayList<>();
    private final List<Batch> delivered = new ArrayList<>();
    private Semaphore gate;
    private final Semaphore entered = new Semaphore(0);
    volatile boolean shutdownCalled;

    synchronized ScriptedSender then(Object answer) {
        script.addLast(answer);
        return this;
    }

    synchronized ScriptedSender times(int n, Object answer) {
        for (int i = 0; i < n; i++) {
            script.addLast(answer);
        }
        return this;
    }

    /** From now on every try waits for a permit of {@link #open(int)}. */
    synchronized void closeGate() {
        gate = new Semaphore(0);
    }

    void open(int tries) {
        Semaphore g;
        synchronized (this) {
            g = gate;
        }
        g.release(tries);
    }

    void openForever() {
        open(1_000_000);
    }

    /** Waits until a try has entered send (the gate included). */
    boolean awaitEntered(Duration timeout) throws InterruptedException {
        return entered.tryAcquire(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public SendResult send(Batch batch, Duration timeout) throws SendException {
        Semaphore g;
        synchronized (this) {
            g = gate;
        }
        entered.release();
        if (g != null) {
            g.acquireUninterruptibly();
        }
        Object answer;
        synchronized (this) {
            tries.add(batch);
            tryTimes.add(System.nanoTime());
            answer = script.pollFirst();
            if (answer == null || answer instanceof SendResult) {
                delivered.add(batch);
            }
        }
        if (answer instanceof SendException e) {
            throw e;
        }
        return answer == null ? SendResult.OK : (SendResult) answer;
    }

    @Override
    public void shutdown() {
        shutdownCalled = true;
    }

    synchronized List<Batch> tries() {
        return List.copyOf(tries);
    }

    synchronized List<Long> tryTimes() {
        return List.copyOf(tryTimes);
    }

    synchronized List<Batch> delivered() {
        return List.copyOf(delivered);
    }
}
