package io.meltgate.exporter.fluentforward;

import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.delivery.BatchSender;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.delivery.SendResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.meltgate.core.tls.TlsClientContext;
import io.meltgate.core.tls.TlsClientSettings;
import javax.net.ssl.SSLContext;

/**
 * Sends log batches to Fluentd (or Fluent Bit, or a meltgate fluentforward receiver) over the Forward protocol.
 *
 * <p>Each send encodes the batch once and tries the servers in the balancer's order until one takes it. Each
 * server has up to {@code max_connections_per_endpoint} kept-alive connections, opened as concurrent sends need
 * them; a send takes an idle one, or past the limit the least busy, where several messages are in flight and their
 * acks are matched by chunk id in whatever order they come ({@link ForwardConnection}). A failure marks the server down
 * for {@code recover_wait}; a broken connection is closed (failing the sends waiting on it), and a send that
 * broke on a reused connection is retried at once on a fresh one, since a kept-alive connection may have died
 * while idle. With {@code require_ack} a batch counts as delivered only when every one of its messages'
 * {@code {"ack": chunk}} came back within the timeout; otherwise this send fails retryable (the engine retries
 * it, possibly on another server) while the others on the connection go on. A refused handshake on every server
 * is permanent: a wrong shared key does not heal by retrying.
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
     * Closes a connection whose write outlives its deadline: a blocking write to a peer that stopped reading has no
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
                    e.standby(), settings.maxConnectionsPerEndpoint()));
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

    private void sendTo(ForwardEndpoint endpoint, List<ForwardMessage> messages, long deadline) throws IOException {
        ForwardEndpoint.Lease lease = endpoint.lease(options, millisLeft(deadline));
        try {
            lease.connection().send(messages, deadline, watchdog);
        } catch (HandshakeRefusedException | InterruptedIOException e) { // SocketTimeoutException among them
            throw e; // no ack in time fails this batch only; the connection stays for the others
        } catch (IOException broken) {
            // A kept-alive connection may have died while idle (its reader closed it): once more on a fresh one.
            if (lease.fresh() || deadline - System.nanoTime() <= 0) {
                throw broken;
            }
            endpoint.lease(options, millisLeft(deadline)).connection().send(messages, deadline, watchdog);
        }
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
