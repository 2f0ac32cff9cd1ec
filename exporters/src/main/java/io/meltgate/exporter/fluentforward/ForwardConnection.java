package io.meltgate.exporter.fluentforward;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * One open connection to one Fluentd server, kept alive between sends and shared by the sender threads: each
 * writes its messages in turn and waits for its own acks, which a reader thread matches by chunk id, so several
 * messages are in flight on one connection (pipelining) and a slow ack holds up only its own batch. Blocking I/O;
 * the handshake's reads are bounded by the socket timeout, a send's waits by its deadline.
 */
final class ForwardConnection implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final MessageUnpacker in;
    private final String peer;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Chunks written and not yet acknowledged, with the send that waits for each. */
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private volatile IOException failure;

    private ForwardConnection(Socket socket, String peer) throws IOException {
        this.socket = socket;
        this.peer = peer;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        InputStream raw = socket.getInputStream();
        this.in = MessagePack.newDefaultUnpacker(raw);
    }

    /** What a connection needs besides the address: TLS, the handshake's credentials. */
    record Options(int connectTimeoutMillis, SSLContext tls, List<String> protocols, boolean verifyHostname, String serverNameOverride,
                   String sharedKey, String username, String password, String selfHostname) {
    }

    /** Connects, completes TLS and, with a shared key, the {@code HELO}/{@code PING}/{@code PONG} handshake. */
    static ForwardConnection open(InetSocketAddress address, Options o, int readTimeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(address, o.connectTimeoutMillis());
            s.setSoTimeout(Math.max(1, readTimeoutMillis));
            if (o.tls() != null) {
                String host = o.serverNameOverride() != null && !o.serverNameOverride().isEmpty()
                        ? o.serverNameOverride() : address.getHostString();
                SSLSocket ssl = (SSLSocket) o.tls().getSocketFactory().createSocket(s, host, address.getPort(), true);
                SSLParameters p = ssl.getSSLParameters();
                if (o.verifyHostname()) {
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                }
                if (!host.isEmpty() && !Character.isDigit(host.charAt(0)) && !host.contains(":")) {
                    p.setServerNames(List.of(new SNIHostName(host)));
                }
                if (!o.protocols().isEmpty()) {
                    p.setProtocols(o.protocols().toArray(new String[0]));
                }
                ssl.setSSLParameters(p);
                ssl.setUseClientMode(true);
                ssl.startHandshake();
                s = ssl;
            }
            ForwardConnection c = new ForwardConnection(s, address.toString());
            if (o.sharedKey() != null && !o.sharedKey().isEmpty()) {
                c.handshake(o);
            }
            c.startReader();
            return c;
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw e;
        }
    }

    private void handshake(Options o) throws IOException {
        // HELO: ["HELO", {"nonce": ..., "auth": salt or "", "keepalive": bool}]
        int n = in.unpackArrayHeader();
        String kind = in.unpackString();
        if (n != 2 || !kind.equals("HELO")) {
            throw new HandshakeRefusedException("expected HELO from " + peer + ", got " + kind);
        }
        byte[] nonce = new byte[0];
        byte[] authSalt = new byte[0];
        int fields = in.unpackMapHeader();
        for (int i = 0; i < fields; i++) {
            String key = in.unpackString();
            switch (key) {
                case "nonce" -> nonce = rawBytes();
                case "auth" -> authSalt = rawBytes();
                default -> in.skipValue();
            }
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String hostname = o.selfHostname();
        MessageBufferPacker ping = MessagePack.newDefaultBufferPacker();
        ping.packArrayHeader(6);
        ping.packString("PING");
        ping.packString(hostname);
        ping.packBinaryHeader(salt.length);
        ping.writePayload(salt);
        ping.packString(ForwardHandshake.sharedKeyDigest(salt, hostname, nonce, o.sharedKey()));
        if (authSalt.length > 0) {
            String user = o.username() == null ? "" : o.username();
            String password = o.password() == null ? "" : o.password();
            ping.packString(user);
            ping.packString(ForwardHandshake.passwordDigest(authSalt, user, password));
        } else {
            ping.packString("");
            ping.packString("");
        }
        out.write(ping.toByteArray());
        out.flush();
        // PONG: ["PONG", ok, reason, server_hostname, sha512_hex(salt + server_hostname + nonce + shared_key)]
        int m = in.unpackArrayHeader();
        String pong = in.unpackString();
        if (m != 5 || !pong.equals("PONG")) {
            throw new HandshakeRefusedException("expected PONG from " + peer + ", got " + pong);
        }
        boolean ok = in.unpackBoolean();
        String reason = stringOrEmpty();
        String serverHostname = stringOrEmpty();
        String digest = stringOrEmpty();
        if (!ok) {
            throw new HandshakeRefusedException("authentication refused by " + peer + ": " + reason);
        }
        String expected = ForwardHandshake.sharedKeyDigest(salt, serverHostname, nonce, o.sharedKey());
        if (!expected.equals(digest)) {
            throw new HandshakeRefusedException("server " + peer + " does not know the shared key (PONG digest mismatch)");
        }
    }

    private byte[] rawBytes() throws IOException {
        MessageFormat f = in.getNextFormat();
        if (f.getValueType() == ValueType.BINARY) {
            return in.readPayload(in.unpackBinaryHeader());
        }
        if (f.getValueType() == ValueType.STRING) {
            return in.readPayload(in.unpackRawStringHeader());
        }
        in.skipValue();
        return new byte[0];
    }

    private String stringOrEmpty() throws IOException {
        byte[] b = rawBytes();
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Starts the thread that reads the server's acks; called once the handshake is done. */
    private void startReader() throws IOException {
        socket.setSoTimeout(0); // the reader waits as long as the connection lives; sends bound their own waits
        Thread t = new Thread(this::readAcks, "fluentforward-acks-" + peer);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Writes the messages and, for those that carry a chunk, waits for each {@code {"ack": chunk}}. Several senders
     * may use the connection at once: writes take turns, acks are matched to their message by chunk id (in
     * whatever order they come back), so one connection carries many messages in flight.
     *
     * <p>A missing ack fails this send only ({@link SocketTimeoutException}); the connection stays open for the
     * others. A broken connection fails every send waiting on it (and is closed).
     *
     * @param deadlineNanos when the send gives up ({@link System#nanoTime()} scale)
     * @param watchdog closes the connection if a write is still blocked at the deadline (a peer that stopped
     *                 reading): a blocking write has no timeout of its own
     */
    void send(List<ForwardMessage> messages, long deadlineNanos, ScheduledExecutorService watchdog) throws IOException {
        List<String> chunks = new ArrayList<>(1);
        List<CompletableFuture<Void>> acks = new ArrayList<>(1);
        for (ForwardMessage m : messages) {
            if (m.chunk() != null) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                // before the write: the ack may come back before this thread returns from it
                pending.put(m.chunk(), ack);
                chunks.add(m.chunk());
                acks.add(ack);
            }
        }
        try {
            write(messages, deadlineNanos, watchdog);
            for (CompletableFuture<Void> ack : acks) {
                long left = deadlineNanos - System.nanoTime();
                try {
                    ack.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new SocketTimeoutException("no ack within the timeout from " + peer);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the ack from " + peer);
                }
            }
        } finally {
            for (String chunk : chunks) {
                pending.remove(chunk);
            }
        }
    }

    private void write(List<ForwardMessage> messages, long deadlineNanos, ScheduledExecutorService watchdog)
            throws IOException {
        IOException broken = failure;
        if (broken != null) {
            throw broken;
        }
        try {
            if (!writeLock.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new SocketTimeoutException("could not write to " + peer + " within the timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write to " + peer);
        }
        ScheduledFuture<?> guard = watchdog == null ? null
                : watchdog.schedule(() -> fail(new SocketTimeoutException("write to " + peer + " blocked past the timeout")),
                        deadlineNanos - System.nanoTime() + 50_000_000L, TimeUnit.NANOSECONDS);
        try {
            for (ForwardMessage m : messages) {
                m.writeTo(out);
            }
            out.flush();
        } catch (IOException e) {
            fail(e);
            IOException f = failure;
            throw f != null && f != e ? f : e;
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
            writeLock.unlock();
        }
    }

    /** The reader thread: matches each {@code {"ack": chunk}} to the send waiting for it, until the end. */
    private void readAcks() {
        try {
            while (!socket.isClosed()) {
                if (!in.hasNext()) {
                    throw new EOFException("connection closed by " + peer + " before the ack");
                }
                ValueType type = in.getNextFormat().getValueType();
                if (type == ValueType.ARRAY) {
                    int n = in.unpackArrayHeader();
                    String kind = n > 0 && in.getNextFormat().getValueType() == ValueType.STRING ? in.unpackString() : "";
                    if (kind.equals("HELO")) {
                        throw new HandshakeRefusedException(peer + " requires the shared key handshake: set shared_key");
                    }
                    for (int i = kind.isEmpty() ? 0 : 1; i < n; i++) {
                        in.skipValue();
                    }
                    continue;
                }
                if (type != ValueType.MAP) {
                    in.skipValue();
                    continue;
                }
                int n = in.unpackMapHeader();
                for (int i = 0; i < n; i++) {
                    String key = stringOrEmpty();
                    if (key.equals("ack")) {
                        CompletableFuture<Void> ack = pending.remove(stringOrEmpty());
                        if (ack != null) {
                            ack.complete(null);
                        } // else: the ack of a send that gave up already; its batch is retried (at least once)
                    } else {
                        in.skipValue();
                    }
                }
            }
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new IOException("unreadable answer from " + peer + ": " + e, e));
        }
        fail(new EOFException("connection to " + peer + " closed"));
    }

    /** Marks the connection broken (the first cause wins), closes it and fails every send waiting for an ack. */
    private void fail(IOException cause) {
        synchronized (pending) {
            if (failure == null) {
                failure = cause;
            }
        }
        close();
        IOException f = failure;
        for (CompletableFuture<Void> ack : pending.values()) {
            ack.completeExceptionally(f);
        }
    }

    /** How busy the connection is: messages waiting for their acks, plus one while a send is writing. */
    int load() {
        return pending.size() + (writeLock.isLocked() ? 1 : 0);
    }

    boolean isOpen() {
        return failure == null && !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing to do
        }
    }
}
