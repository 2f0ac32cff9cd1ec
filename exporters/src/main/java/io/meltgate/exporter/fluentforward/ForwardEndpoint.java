package io.meltgate.exporter.fluentforward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One configured server: its address, weight and role, whether it is believed down (and until when), and the
 * connections kept alive to it ({@code connections_per_endpoint} of them, shared by the sender threads in turn).
 * Thread-safe.
 */
final class ForwardEndpoint {

    /** A connection handed to a send, and whether the send opened it (a fresh one is not worth a second try). */
    record Lease(ForwardConnection connection, boolean fresh) {
    }

    private final FluentForwardExporterSettings.HostPort address;
    private final int weight;
    private final boolean standby;
    /** Slot i holds the i-th kept-alive connection (or null); guarded by {@code locks[i]}. */
    private final ForwardConnection[] slots;
    private final Object[] locks;
    private final AtomicInteger turn = new AtomicInteger();
    private volatile long downUntilNanos;
    private volatile boolean everDown;

    ForwardEndpoint(FluentForwardExporterSettings.HostPort address, int weight, boolean standby, int connections) {
        this.address = address;
        this.weight = weight;
        this.standby = standby;
        this.slots = new ForwardConnection[Math.max(1, connections)];
        this.locks = new Object[slots.length];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * The next connection in turn, opened (connected, TLS, handshake) when it is not open yet; the senders that
     * share the slot wait for that open rather than each opening their own.
     */
    Lease lease(ForwardConnection.Options options, int readTimeoutMillis) throws IOException {
        int i = Math.floorMod(turn.getAndIncrement(), slots.length);
        synchronized (locks[i]) {
            ForwardConnection c = slots[i];
            if (c != null && c.isOpen()) {
                return new Lease(c, false);
            }
            // resolves the name each time, so a moved server is found again
            c = ForwardConnection.open(new InetSocketAddress(address.host(), address.port()), options,
                    readTimeoutMillis);
            slots[i] = c;
            return new Lease(c, true);
        }
    }

    /**
     * After a failure: other sends prefer other servers for {@code recover_wait}. The connections stay: each
     * one's reader notices by itself when its peer went away, and a missing ack fails only its own batch.
     */
    void markDown(long recoverWaitNanos) {
        downUntilNanos = System.nanoTime() + recoverWaitNanos;
        everDown = true;
    }

    void markUp() {
        if (everDown) {
            downUntilNanos = 0;
            everDown = false;
        }
    }

    boolean isUp(long nowNanos) {
        return !everDown || nowNanos - downUntilNanos >= 0;
    }

    int weight() {
        return weight;
    }

    boolean standby() {
        return standby;
    }

    void closeAll() {
        for (int i = 0; i < slots.length; i++) {
            synchronized (locks[i]) {
                if (slots[i] != null) {
                    slots[i].close();
                    slots[i] = null;
                }
            }
        }
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
