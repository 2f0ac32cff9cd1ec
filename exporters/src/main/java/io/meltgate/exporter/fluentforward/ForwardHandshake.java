package io.meltgate.exporter.fluentforward;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digests of the Forward protocol's {@code HELO} / {@code PING} / {@code PONG} handshake, as the
 * specification gives them: {@code sha512_hex(shared_key_salt + hostname + nonce + shared_key)} for the shared
 * key (the client's hostname in {@code PING}, the server's in {@code PONG}) and
 * {@code sha512_hex(auth_salt + username + password)} for user authentication.
 */
final class ForwardHandshake {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ForwardHandshake() {
    }

    static String sharedKeyDigest(byte[] salt, String hostname, byte[] nonce, String sharedKey) {
        return sha512Hex(salt, utf8(hostname), nonce, utf8(sharedKey));
    }

    static String passwordDigest(byte[] authSalt, String username, String password) {
        return sha512Hex(authSalt, utf8(username), utf8(password));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha512Hex(byte[]... parts) {
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
