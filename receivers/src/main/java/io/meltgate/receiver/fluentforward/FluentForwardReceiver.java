package io.meltgate.receiver.fluentforward;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ListeningComponent;
import io.meltgate.core.component.Receiver;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.health.HealthStatus;
import io.meltgate.core.tls.TlsServerMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Accepts the Forward protocol on TCP (optionally TLS) or a Unix domain socket, one thread per connection (Fluentd
 * forwarders keep a few long-lived connections), and answers UDP heartbeats on the TCP port as {@code in_forward}
 * does. {@link #shutdown()} stops accepting, lets every connection finish the message it is reading (so what was
 * taken is acknowledged and what was not is sent again), then closes them.
 */
public final class FluentForwardReceiver implements Receiver, ListeningComponent {

    private static final Logger LOG = Logger.getLogger(FluentForwardReceiver.class.getName());
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final ComponentContext context;
    private final FluentForwardReceiverSettings settings;
    private final BatchConsumer next;
    private final FluentForwardTelemetry telemetry;
    private final ForwardDecoder decoder = new ForwardDecoder();
    private final Set<ForwardConnectionHandler> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionCount = new AtomicLong();
    private ServerHandshake handshake;
    private ServerSocket tcp;
    private ServerSocketChannel unix;
    private Path unixPath;
    private DatagramSocket heartbeat;
    private Thread acceptor;
    private Thread heartbeats;
    private volatile boolean stopping;

    FluentForwardReceiver(ComponentContext context, FluentForwardReceiverSettings settings, BatchConsumer next) {
        this.context = context;
        this.settings = settings;
        this.next = next;
        this.telemetry = new FluentForwardTelemetry(context);
    }

    @Override
    public void start() throws Exception {
        if (!FluentForwardReceiverSettings.isBlank(settings.sharedKey())) {
            String self = settings.selfHostname();
            if (FluentForwardReceiverSettings.isBlank(self)) {
                self = InetAddress.getLocalHost().getHostName();
            }
            handshake = new ServerHandshake(settings.sharedKey(), self, settings.users());
        }
        String path = settings.unixSocketPath();
        if (path != null) {
            unixPath = Path.of(path);
            Files.deleteIfExists(unixPath); // a socket file left by a previous run would block the bind
            unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            unix.bind(UnixDomainSocketAddress.of(unixPath));
            acceptor = daemon("accept", this::acceptUnix);
        } else {
            int colon = settings.endpoint().lastIndexOf(':');
            String host = settings.endpoint().substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = Integer.parseInt(settings.endpoint().substring(colon + 1));
            InetSocketAddress bind = host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
            if (settings.tls() != null) {
                TlsServerMaterial material = TlsServerMaterial.load(settings.tls());
                SSLContext ssl = material.sslContext();
                SSLServerSocket s = (SSLServerSocket) ssl.getServerSocketFactory().createServerSocket();
                s.setEnabledProtocols(material.protocols());
                if (!material.cipherSuites().isEmpty()) {
                    s.setEnabledCipherSuites(material.cipherSuites().toArray(new String[0]));
                }
                s.setNeedClientAuth(material.requiresClientCertificate());
                tcp = s;
            } else {
                tcp = new ServerSocket();
            }
            tcp.setReuseAddress(true);
            tcp.bind(bind, 256);
            acceptor = daemon("accept", this::acceptTcp);
            try {
                heartbeat = new DatagramSocket(new InetSocketAddress(bind.getAddress(), tcp.getLocalPort()));
                heartbeats = daemon("heartbeat", this::answerHeartbeats);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "fluentforward " + context.id() + ": no UDP heartbeat on " + bind + ": " + e);
            }
        }
        context.health().healthy();
    }

    private Thread daemon(String what, Runnable r) {
        Thread t = new Thread(r, "fluentforward-" + context.id() + "-" + what);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void acceptTcp() {
        while (!stopping) {
            try {
                Socket s = tcp.accept();
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                serve(new SocketTransport(s));
            } catch (IOException e) {
                if (!stopping) {
                    LOG.log(Level.WARNING, "fluentforward " + context.id() + ": accept failed", e);
                    pause();
                }
            }
        }
    }

    private void acceptUnix() {
        while (!stopping) {
            try {
                serve(new ChannelTransport(unix.accept()));
            } catch (IOException e) {
                if (!stopping) {
                    LOG.log(Level.WARNING, "fluentforward " + context.id() + ": accept failed", e);
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100); // a persistent accept error (out of descriptors) must not spin
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(ForwardConnectionHandler.Transport transport) {
        ForwardConnectionHandler h = new ForwardConnectionHandler(transport, decoder, handshake, next, telemetry);
        connections.add(h);
        Thread t = new Thread(() -> {
            try {
                h.run();
            } finally {
                connections.remove(h);
                threads.remove(Thread.currentThread());
            }
        }, "fluentforward-" + context.id() + "-conn-" + connectionCount.incrementAndGet());
        t.setDaemon(true);
        threads.add(t);
        if (stopping) {
            transport.close();
            connections.remove(h);
            threads.remove(t);
            return;
        }
        t.start();
    }

    /** {@code in_forward}'s UDP heartbeat: answer each datagram with the byte it sent (0x00). */
    private void answerHeartbeats() {
        byte[] buf = new byte[1];
        while (!stopping) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                heartbeat.receive(p);
                heartbeat.send(new DatagramPacket(buf, Math.max(1, Math.min(p.getLength(), 1)), p.getSocketAddress()));
            } catch (IOException e) {
                if (!stopping) {
                    LOG.log(Level.FINE, "fluentforward heartbeat", e);
                }
            }
        }
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>(1);
        if (tcp != null && tcp.isBound()) {
            InetSocketAddress a = (InetSocketAddress) tcp.getLocalSocketAddress();
            out.add(new Endpoint(settings.tls() != null ? "tls" : "tcp", a));
        }
        return out;
    }

    /** The Unix socket the receiver listens on, or null for TCP. */
    public Path unixSocketPath() {
        return unixPath;
    }

    /** Connections refused by the handshake since start (for tests and diagnostics). */
    public double handshakeFailures() {
        return telemetry.handshakeFailures();
    }

    /** Messages that failed to decode since start. */
    public double parseFailures() {
        return telemetry.parseFailures();
    }

    @Override
    public void shutdown() {
        if (stopping) {
            return;
        }
        if (!settings.shutdownDelay().isZero()) {
            try {
                Thread.sleep(settings.shutdownDelay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopping = true;
        closeQuietly(tcp);
        closeQuietly(unix);
        if (heartbeat != null) {
            heartbeat.close();
        }
        for (ForwardConnectionHandler h : connections) {
            h.stopReading();
        }
        long deadline = System.nanoTime() + DRAIN.toNanos();
        for (Thread t : List.copyOf(threads)) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (ForwardConnectionHandler h : connections) {
            h.close();
        }
        joinQuietly(acceptor);
        joinQuietly(heartbeats);
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException ignored) {
                // best effort
            }
        }
        context.health().report(HealthStatus.UNKNOWN, "stopped");
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }
    }

    private static void joinQuietly(Thread t) {
        if (t != null) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A TCP socket, plain or TLS. Stopping shuts down the input of the socket beneath TLS. */
    private static final class SocketTransport implements ForwardConnectionHandler.Transport {
        private final Socket socket;

        SocketTransport(Socket socket) {
            this.socket = socket;
        }

        @Override
        public InputStream input() throws IOException {
            return socket.getInputStream();
        }

        @Override
        public OutputStream output() throws IOException {
            return socket.getOutputStream();
        }

        @Override
        public void readTimeout(int millis) throws IOException {
            socket.setSoTimeout(millis);
        }

        @Override
        public void stopReading() {
            try {
                if (socket instanceof SSLSocket) {
                    // TLS cannot half-close its input; end the stream by closing: the handler's pending ack, if
                    // any, is lost and the client sends that chunk again.
                    socket.close();
                } else {
                    socket.shutdownInput();
                }
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public String remote() {
            return String.valueOf(socket.getRemoteSocketAddress());
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** A Unix domain socket connection. */
    private static final class ChannelTransport implements ForwardConnectionHandler.Transport {
        private final SocketChannel channel;

        ChannelTransport(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public InputStream input() {
            return Channels.newInputStream(channel);
        }

        @Override
        public OutputStream output() {
            return Channels.newOutputStream(channel);
        }

        @Override
        public void readTimeout(int millis) {
            // not supported on channels; a silent client only holds its own thread
        }

        @Override
        public void stopReading() {
            try {
                channel.shutdownInput();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public String remote() {
            try {
                return "unix:" + channel.getLocalAddress();
            } catch (IOException e) {
                return "unix";
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
