package io.meltgate.receiver.fluentforward;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The server side of the Forward protocol handshake, as Fluentd's {@code in_forward} runs it: send
 * {@code ["HELO", {nonce, auth, keepalive}]}, check the client's
 * {@code ["PING", hostname, salt, sha512_hex(salt + hostname + nonce + shared_key), username, password_digest]},
 * answer {@code ["PONG", ok, reason, self_hostname, sha512_hex(salt + self_hostname + nonce + shared_key)]}.
 */
final class ServerHandshake {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String sharedKey;
    private final String selfHostname;
    private final List<FluentForwardReceiverSettings.User> users;

    ServerHandshake(String sharedKey, String selfHostname, List<FluentForwardReceiverSettings.User> users) {
        this.sharedKey = sharedKey;
        this.selfHostname = selfHostname;
        this.users = users == null ? List.of() : users;
    }

    /**
     * Runs the handshake up to the check of the client's PING; returns null when the client is authenticated (the
     * PONG is sent), else the reason it is refused, which the caller counts and then sends with {@link #refuse}.
     */
    String run(MessageUnpacker in, OutputStream out) throws IOException {
        byte[] nonce = random16();
        byte[] authSalt = users.isEmpty() ? new byte[0] : random16();
        MessageBufferPacker helo = MessagePack.newDefaultBufferPacker();
        helo.packArrayHeader(2);
        helo.packString("HELO");
        helo.packMapHeader(3);
        helo.packString("nonce");
        helo.packBinaryHeader(nonce.length);
        helo.writePayload(nonce);
        helo.packString("auth");
        helo.packBinaryHeader(authSalt.length);
        helo.writePayload(authSalt);
        helo.packString("keepalive");
        helo.packBoolean(true);
        out.write(helo.toByteArray());
        out.flush();

        if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
            return "invalid ping message";
        }
        int n = in.unpackArrayHeader();
        if (n != 6) {
            return "invalid ping message";
        }
        String kind = text(in);
        String hostname = text(in);
        byte[] salt = raw(in);
        String digest = text(in);
        String username = text(in);
        String passwordDigest = text(in);
        if (!kind.equals("PING")) {
            return "invalid ping message";
        }
        String expected = sha512Hex(salt, utf8(hostname), nonce, utf8(sharedKey));
        if (!MessageDigest.isEqual(utf8(expected), utf8(digest))) {
            return "shared_key mismatch";
        }
        if (!users.isEmpty()) {
            boolean ok = false;
            for (FluentForwardReceiverSettings.User u : users) {
                if (u.username().equals(username)) {
                    String mine = sha512Hex(authSalt, utf8(username), utf8(u.password() == null ? "" : u.password()));
                    ok |= MessageDigest.isEqual(utf8(mine), utf8(passwordDigest));
                }
            }
            if (!ok) {
                return "username/password mismatch";
            }
        }
        MessageBufferPacker pong = MessagePack.newDefaultBufferPacker();
        pong.packArrayHeader(5);
        pong.packString("PONG");
        pong.packBoolean(true);
        pong.packString("");
        pong.packString(selfHostname);
        pong.packString(sha512Hex(salt, utf8(selfHostname), nonce, utf8(sharedKey)));
        out.write(pong.toByteArray());
        out.flush();
        return null;
    }

    /** Sends the failed PONG with the reason. */
    static void refuse(OutputStream out, String reason) throws IOException {
        MessageBufferPacker pong = MessagePack.newDefaultBufferPacker();
        pong.packArrayHeader(5);
        pong.packString("PONG");
        pong.packBoolean(false);
        pong.packString(reason);
        pong.packString("");
        pong.packString("");
        out.write(pong.toByteArray());
        out.flush();
    }

    private static byte[] raw(MessageUnpacker in) throws IOException {
        MessageFormat f = in.getNextFormat();
        int len;
        if (f.getValueType() == ValueType.STRING) {
            len = in.unpackRawStringHeader();
        } else if (f.getValueType() == ValueType.BINARY) {
            len = in.unpackBinaryHeader();
        } else {
            in.skipValue();
            return new byte[0];
        }
        if (len < 0 || len > 4096) {
            throw new MalformedForwardException("handshake field of " + len + " bytes");
        }
        return in.readPayload(len);
    }

    private static String text(MessageUnpacker in) throws IOException {
        return new String(raw(in), StandardCharsets.UTF_8);
    }

    private static byte[] random16() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha512Hex(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            for (byte[] p : parts) {
                d.update(p);
            }
            byte[] h = d.digest();
            char[] out = new char[h.length * 2];
            for (int i = 0; i < h.length; i++) {
                out[2 * i] = HEX[(h[i] >>> 4) & 0xF];
                out[2 * i + 1] = HEX[h[i] & 0xF];
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required of every JDK", e);
        }
    }
}
