package io.meltgate.exporter.fluentforward;

import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.delivery.BatchSender;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.delivery.SendResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.meltgate.core.tls.TlsClientContext;
import io.meltgate.core.tls.TlsClientSettings;
import javax.net.ssl.SSLContext;

/**
 * Sends log batches to Fluentd (or Fluent Bit, or a meltgate fluentforward receiver) over the Forward protocol.
 *
 * <p>Each send encodes the batch once and tries the servers in the balancer's order until one takes it. A
 * connection is kept alive and reused; a failure closes it (and the endpoint's other idle connections) and marks
 * the endpoint down for {@code recover_wait}. A failure on a reused connection is retried at once on a fresh one
 * to the same server, since a kept-alive connection may have died while idle. With {@code require_ack} a
 * batch counts as delivered only when every message's {@code {"ack": chunk}} came back within the timeout;
 * otherwise the send fails retryable (the engine retries it, possibly on another server). A refused handshake
 * on every server is permanent: a wrong shared key does not heal by retrying.
 */
public final class FluentForwardSender implements BatchSender {

    private static final Logger LOG = Logger.getLogger(FluentForwardSender.class.getName());
    /** Used when the engine gives no timeout (0): an ack that never comes must not hang a sender thread. */
    private static final Duration NO_TIMEOUT_ACK_WAIT = Duration.ofMinutes(3);

    private final FluentForwardExporterSettings settings;
    private final ForwardEventEncoder encoder;
    private final EndpointBalancer balancer;
    private final long recoverWaitNanos;
    /**
     * Closes a connection whose try outlives its deadline: a blocking write to a peer that stopped reading has no
     * timeout of its own, and must not hold a sender thread past the engine's {@code timeout}.
     */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fluentforward-watchdog");
        t.setDaemon(true);
        return t;
    });
    private ForwardConnection.Options options;

    public FluentForwardSender(FluentForwardExporterSettings settings) {
        this.settings = settings;
        this.encoder = new ForwardEventEncoder(settings);
        List<ForwardEndpoint> endpoints = new ArrayList<>();
        for (FluentForwardExporterSettings.Endpoint e : settings.allEndpoints()) {
            endpoints.add(new ForwardEndpoint(FluentForwardExporterSettings.HostPort.parse(e.tcpAddr()), e.weight(),
                    e.standby()));
        }
        this.balancer = new EndpointBalancer(endpoints);
        this.recoverWaitNanos = settings.recoverWait().toNanos();
    }

    @Override
    public void start() throws Exception {
        TlsClientSettings t = settings.tls();
        SSLContext tls = null;
        List<String> protocols = List.of();
        String serverName = "";
        if (t != null && !t.insecure()) {
            TlsClientContext ctx = TlsClientContext.from(t);
            tls = ctx.sslContext();
            protocols = ctx.protocols();
            serverName = ctx.serverNameOverride() == null ? "" : ctx.serverNameOverride();
        }
        String self = settings.selfHostname();
        if (self == null || self.isEmpty()) {
            try {
                self = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                self = "meltgate";
            }
        }
        this.options = new ForwardConnection.Options(
                (int) Math.min(Integer.MAX_VALUE, settings.connectionTimeout().toMillis()),
                tls, protocols, t != null && !t.insecureSkipVerify(), serverName,
                settings.sharedKey(), settings.username(), settings.password(), self);
        // Connections are opened on first use: a server that is down at start must not fail the gateway's start.
    }

    @Override
    public SendResult send(Batch batch, Duration timeout) throws SendException {
        if (!(batch instanceof LogBatch logs)) {
            throw SendException.permanent("fluentforward exports logs only, got " + batch.signal(), null);
        }
        if (logs.isEmpty()) {
            return SendResult.OK;
        }
        if (options == null) {
            throw SendException.retryable("fluentforward exporter not started", null);
        }
        List<ForwardMessage> messages = encoder.encode(logs, settings.requireAck());
        Duration budget = timeout == null || timeout.isZero() ? NO_TIMEOUT_ACK_WAIT : timeout;
        long deadline = System.nanoTime() + budget.toNanos();
        IOException last = null;
        boolean allRefusedHandshake = true;
        for (ForwardEndpoint endpoint : balancer.order()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                sendTo(endpoint, messages, deadline);
                endpoint.markUp();
                return SendResult.OK;
            } catch (IOException e) {
                last = e;
                allRefusedHandshake &= e instanceof HandshakeRefusedException;
                endpoint.markDown(recoverWaitNanos);
                LOG.log(Level.FINE, "fluentforward: send to " + endpoint + " failed", e);
            }
        }
        if (last == null) {
            throw SendException.retryable("fluentforward: timeout before any server could be tried", null);
        }
        if (allRefusedHandshake) {
            throw SendException.permanent("fluentforward: every server refused the handshake: " + last.getMessage(),
                    last);
        }
        String what = last instanceof SocketTimeoutException ? "no ack within " + budget : last.toString();
        throw SendException.retryable("fluentforward: no server took the batch (" + what + ")", last);
    }

    /** Sends on the connection; closes it (failing the write or read under way) if the deadline passes first. */
    private void sendGuarded(ForwardConnection c, List<ForwardMessage> messages, long deadline) throws IOException {
        ScheduledFuture<?> guard = watchdog.schedule(c::close, deadline - System.nanoTime() + 50_000_000L,
                TimeUnit.NANOSECONDS);
        try {
            c.send(messages, millisLeft(deadline));
        } finally {
            guard.cancel(false);
        }
        // A send that completed is delivered even if the guard closed the connection just after: it is simply
        // not kept (see release).
    }

    private static void release(ForwardEndpoint endpoint, ForwardConnection c) {
        if (c.isOpen()) {
            endpoint.release(c);
        }
    }

    private void sendTo(ForwardEndpoint endpoint, List<ForwardMessage> messages, long deadline) throws IOException {
        ForwardConnection c = endpoint.pollIdle();
        if (c != null) {
            try {
                sendGuarded(c, messages, deadline);
                release(endpoint, c);
                return;
            } catch (HandshakeRefusedException e) {
                c.close();
                throw e;
            } catch (IOException staleOrBroken) {
                // A kept-alive connection may have died while idle: try once more on a fresh one.
                c.close();
                endpoint.closeIdle();
                if (deadline - System.nanoTime() <= 0) {
                    throw staleOrBroken;
                }
            }
        }
        c = endpoint.open(options, millisLeft(deadline));
        try {
            sendGuarded(c, messages, deadline);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        release(endpoint, c);
    }

    private static int millisLeft(long deadline) {
        long ms = (deadline - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    @Override
    public void shutdown() {
        watchdog.shutdownNow();
        balancer.closeAll();
    }
}
