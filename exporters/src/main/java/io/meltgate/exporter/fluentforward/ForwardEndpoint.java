package io.meltgate.exporter.fluentforward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One configured server: its address, weight and role, whether it is believed down (and until when), and the
 * connections kept alive to it (up to {@code max_connections_per_endpoint}, shared by the sender threads).
 * Thread-safe.
 */
final class ForwardEndpoint {

    /** A connection handed to a send, and whether the send opened it (a fresh one is not worth a second try). */
    record Lease(ForwardConnection connection, boolean fresh) {
    }

    private final FluentForwardExporterSettings.HostPort address;
    private final int weight;
    private final boolean standby;
    /** Slot i holds the i-th kept-alive connection (or null); replaced under {@code locks[i]}. */
    private final AtomicReferenceArray<ForwardConnection> slots;
    private final Object[] locks;
    private final AtomicInteger turn = new AtomicInteger();
    private volatile long downUntilNanos;
    private volatile boolean everDown;

    ForwardEndpoint(FluentForwardExporterSettings.HostPort address, int weight, boolean standby, int connections) {
        this.address = address;
        this.weight = weight;
        this.standby = standby;
        this.slots = new AtomicReferenceArray<>(Math.max(1, connections));
        this.locks = new Object[slots.length()];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * A connection for one send: an open one with nothing in flight if there is one; else a new one while fewer
     * than {@code max_connections_per_endpoint} are open; else the least busy (the send is pipelined behind the
     * others there). So connections are opened only as the concurrency of the sends asks for them, and a large
     * message does not wait behind another on a shared connection while an idle one exists. Opening (connect,
     * TLS, handshake) happens under the slot's lock: the senders that pick that slot wait for it.
     */
    Lease lease(ForwardConnection.Options options, int readTimeoutMillis) throws IOException {
        int n = slots.length();
        int start = Math.floorMod(turn.getAndIncrement(), n);
        int empty = -1;
        int best = start;
        int bestLoad = Integer.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            ForwardConnection c = slots.get(i);
            if (c == null || !c.isOpen()) {
                if (empty < 0) {
                    empty = i;
                }
                continue;
            }
            int load = c.load();
            if (load == 0) {
                return new Lease(c, false);
            }
            if (load < bestLoad) {
                bestLoad = load;
                best = i;
            }
        }
        int i = empty >= 0 ? empty : best;
        synchronized (locks[i]) {
            ForwardConnection c = slots.get(i);
            if (c != null && c.isOpen()) {
                return new Lease(c, false);
            }
            // resolves the name each time, so a moved server is found again
            c = ForwardConnection.open(new InetSocketAddress(address.host(), address.port()), options,
                    readTimeoutMillis);
            slots.set(i, c);
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
        for (int i = 0; i < slots.length(); i++) {
            synchronized (locks[i]) {
                ForwardConnection c = slots.getAndSet(i, null);
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    /** Connections open now (for tests). */
    int openConnections() {
        int open = 0;
        for (int i = 0; i < slots.length(); i++) {
            ForwardConnection c = slots.get(i);
            if (c != null && c.isOpen()) {
                open++;
            }
        }
        return open;
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
