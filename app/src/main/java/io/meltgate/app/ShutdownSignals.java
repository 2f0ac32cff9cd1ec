package io.meltgate.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request for a graceful stop that the main thread waits for.
 *
 * <p>Why not a shutdown hook: on SIGTERM the JVM's own handler starts the exit sequence, and a process that
 * exits that way reports status 143 (128 + 15) whatever the hook does; calling {@code System.exit(0)} from a
 * hook would deadlock. Installing our own handler with {@code sun.misc.Signal} (in the {@code jdk.unsupported}
 * module, which {@code --release 17} compiles against and which every JDK since 9 ships) replaces the JVM's
 * handler, so the JVM does not begin to exit: the main thread runs {@code Service.stop()} to drain the rings
 * and queues and then exits with 0, which is what container runtimes and systemd expect of a clean stop.
 * A second signal while stopping exits at once, for an operator who really wants out.
 */
final class ShutdownSignals {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicInteger count = new AtomicInteger();

    private ShutdownSignals() {
    }

    static ShutdownSignals install() {
        ShutdownSignals s = new ShutdownSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s::onSignal);
            } catch (IllegalArgumentException e) {
                // The signal does not exist on this platform or the JVM reserves it (-Xrs): keep the default.
            }
        }
        return s;
    }

    private void onSignal(Signal signal) {
        if (count.incrementAndGet() > 1) {
            System.err.println("meltgate: second SIG" + signal.getName() + " while stopping; exiting now");
            Runtime.getRuntime().halt(1);
        }
        received.set("SIG" + signal.getName());
        requested.countDown();
    }

    /** Blocks until a stop signal arrives; returns its name ({@code SIGTERM}). */
    String await() throws InterruptedException {
        requested.await();
        return received.get();
    }
}
