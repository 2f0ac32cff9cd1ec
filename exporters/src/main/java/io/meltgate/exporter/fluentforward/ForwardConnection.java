package io.meltgate.exporter.fluentforward;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * One open connection to one Fluentd server, kept alive between sends. Used by one sender thread at a time
 * (the endpoint hands it out and takes it back). Blocking I/O: every read is bounded by the socket timeout.
 */
final class ForwardConnection implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final MessageUnpacker in;
    private final String peer;

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

    /**
     * Writes the messages and, for those that carry a chunk, waits for each {@code {"ack": chunk}}.
     *
     * @param ackTimeoutMillis the time left to wait for the acks (the socket's read timeout)
     */
    void send(List<ForwardMessage> messages, int ackTimeoutMillis) throws IOException {
        Set<String> pending = null;
        for (ForwardMessage m : messages) {
            m.writeTo(out);
            if (m.chunk() != null) {
                if (pending == null) {
                    pending = new HashSet<>();
                }
                pending.add(m.chunk());
            }
        }
        out.flush();
        if (pending == null) {
            return;
        }
        socket.setSoTimeout(Math.max(1, ackTimeoutMillis));
        long deadline = System.nanoTime() + ackTimeoutMillis * 1_000_000L;
        while (!pending.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new SocketTimeoutException("no ack within the timeout from " + peer);
            }
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
                    pending.remove(stringOrEmpty());
                } else {
                    in.skipValue();
                }
            }
        }
    }

    boolean isOpen() {
        return !socket.isClosed();
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
