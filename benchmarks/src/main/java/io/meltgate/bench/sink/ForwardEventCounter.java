package io.meltgate.bench.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads just enough of one Forward protocol message to count its events and find its {@code chunk}: the four
 * carrier modes ({@code Message}, {@code Forward}, {@code PackedForward}, {@code CompressedPackedForward} with
 * gzip, concatenated gzip members included). Entries of the packed modes are walked value by value (not trusted
 * from the {@code size} option), so a count is what was really on the wire. Stateless.
 */
public final class ForwardEventCounter {

    /** One message read from the front of a buffer. */
    public record Message(int bytes, long events, String chunk) {
    }

    private ForwardEventCounter() {
    }

    /**
     * Reads the message (or the {@code nil} of a TCP heartbeat) at {@code buf[off..off+len)}.
     *
     * @return the message, or null when the buffer holds only a part of it (read more, then call again)
     * @throws IOException when the bytes are no Forward message
     */
    public static Message read(byte[] buf, int off, int len) throws IOException {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(buf, off, len)) {
            MessageFormat first = in.getNextFormat();
            if (first.getValueType() == ValueType.NIL) {
                in.unpackNil();
                return new Message((int) in.getTotalReadBytes(), 0, null);
            }
            int n = in.unpackArrayHeader();
            if (n < 2 || n > 4) {
                throw new IOException("a Forward message is an array of 2 to 4 elements, got " + n);
            }
            in.skipValue(); // tag
            ValueType second = in.getNextFormat().getValueType();
            long events;
            String chunk = null;
            boolean gzip = false;
            byte[] packed = null;
            int options;
            switch (second) {
                case ARRAY -> { // Forward: [tag, [[time, record], ...], option?]
                    events = in.unpackArrayHeader();
                    for (long i = 0; i < events; i++) {
                        in.skipValue();
                    }
                    options = n - 2;
                }
                case STRING, BINARY -> { // PackedForward: [tag, entries, option?]
                    int size = second == ValueType.BINARY ? in.unpackBinaryHeader() : in.unpackRawStringHeader();
                    packed = in.readPayload(size);
                    events = -1;
                    options = n - 2;
                }
                default -> { // Message: [tag, time, record, option?]
                    in.skipValue();
                    in.skipValue();
                    events = 1;
                    options = n - 3;
                }
            }
            if (options == 1 && in.getNextFormat().getValueType() == ValueType.MAP) {
                int fields = in.unpackMapHeader();
                for (int i = 0; i < fields; i++) {
                    String key = in.getNextFormat().getValueType() == ValueType.STRING ? in.unpackString() : null;
                    if (key == null) {
                        in.skipValue();
                        in.skipValue();
                    } else if (key.equals("chunk") && in.getNextFormat().getValueType() == ValueType.STRING) {
                        chunk = in.unpackString();
                    } else if (key.equals("compressed") && in.getNextFormat().getValueType() == ValueType.STRING) {
                        gzip = in.unpackString().equals("gzip");
                    } else {
                        in.skipValue();
                    }
                }
            } else if (options == 1) {
                in.skipValue();
            }
            if (packed != null) {
                events = countEntries(gzip ? gunzip(packed) : packed);
            }
            return new Message((int) in.getTotalReadBytes(), events, chunk);
        } catch (MessageInsufficientBufferException incomplete) {
            return null;
        } catch (org.msgpack.core.MessagePackException e) {
            throw new IOException("invalid msgpack: " + e.getMessage(), e);
        }
    }

    /** The entries of a packed message are {@code [time, record]} arrays back to back. */
    private static long countEntries(byte[] entries) throws IOException {
        long events = 0;
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(entries)) {
            while (in.hasNext()) {
                if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
                    throw new IOException("an entry is an array [time, record]");
                }
                in.skipValue();
                events++;
            }
        } catch (MessageInsufficientBufferException e) {
            throw new IOException("entries end inside an entry", e);
        }
        return events;
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(compressed), 16 * 1024)) {
            return z.readAllBytes();
        }
    }
}
