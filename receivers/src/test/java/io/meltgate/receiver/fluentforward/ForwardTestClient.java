package io.meltgate.receiver.fluentforward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/** A raw Forward protocol client for tests: writes msgpack bytes, reads what the server answers. */
final class ForwardTestClient implements AutoCloseable {

    final Socket socket;
    final OutputStream out;
    final InputStream rawIn;
    final MessageUnpacker in;

    ForwardTestClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        out = socket.getOutputStream();
        rawIn = socket.getInputStream();
        in = MessagePack.newDefaultUnpacker(rawIn);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next value the server sends, or null when it closed the connection. */
    Value read() throws IOException {
        try {
            if (!in.hasNext()) {
                return null;
            }
            return in.unpackValue();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return null; // reset by the server: closed
        }
    }

    /** Sends the handshake's PING for the HELO the server sent first; returns the PONG. */
    Value handshake(String hostname, String sharedKey, String username, String password) throws IOException {
        Value helo = in.unpackValue();
        var opts = helo.asArrayValue().get(1).asMapValue().map();
        byte[] nonce = raw(opts.get(ValueFactory.newString("nonce")));
        byte[] auth = raw(opts.get(ValueFactory.newString("auth")));
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(6).packString("PING").packString(hostname);
        p.packBinaryHeader(salt.length).writePayload(salt);
        p.packString(ServerHandshake.sha512Hex(salt, utf8(hostname), nonce, utf8(sharedKey)));
        if (auth.length > 0) {
            p.packString(username).packString(ServerHandshake.sha512Hex(auth, utf8(username), utf8(password)));
        } else {
            p.packString("").packString("");
        }
        write(p.toByteArray());
        return in.unpackValue();
    }

    private static byte[] raw(Value v) {
        return v.isBinaryValue() ? v.asBinaryValue().asByteArray() : v.asStringValue().asByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
