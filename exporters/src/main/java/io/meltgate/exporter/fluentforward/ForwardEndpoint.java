package io.meltgate.exporter.fluentforward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One configured server: its address, weight and role, whether it is believed down (and until when), and the
 * idle connections kept alive to it. Thread-safe.
 */
final class ForwardEndpoint {

    private final FluentForwardExporterSettings.HostPort address;
    private final int weight;
    private final boolean standby;
    private final ConcurrentLinkedDeque<ForwardConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile long downUntilNanos;
    private volatile boolean everDown;

    ForwardEndpoint(FluentForwardExporterSettings.HostPort address, int weight, boolean standby) {
        this.address = address;
        this.weight = weight;
        this.standby = standby;
    }

    /** A kept-alive connection if there is one, else null. */
    ForwardConnection pollIdle() {
        ForwardConnection c;
        while ((c = idle.pollFirst()) != null) {
            if (c.isOpen()) {
                return c;
            }
        }
        return null;
    }

    /** Opens a new connection; resolves the name each time, so a moved server is found again. */
    ForwardConnection open(ForwardConnection.Options options, int readTimeoutMillis) throws IOException {
        return ForwardConnection.open(new InetSocketAddress(address.host(), address.port()), options,
                readTimeoutMillis);
    }

    void release(ForwardConnection c) {
        idle.offerFirst(c);
    }

    /** After a failure: the other idle connections were opened before it and are likely as broken. */
    void markDown(long recoverWaitNanos) {
        downUntilNanos = System.nanoTime() + recoverWaitNanos;
        everDown = true;
        closeIdle();
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

    void closeIdle() {
        ForwardConnection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
