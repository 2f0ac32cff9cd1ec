package io.meltgate.receiver.fluentforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.testing.RecordingConsumer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * Malformed, truncated and mutated msgpack to the receiver: each bad connection is closed, a good connection open
 * all along keeps being served, and the receiver never crashes. Randomized with a fixed seed, bounded in count.
 */
class FluentForwardMalformedInputTest {

    private static final int ROUNDS = 400;

    private final RecordingConsumer sink = new RecordingConsumer();
    private ReceiverHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new ReceiverHarness(ReceiverHarness.settings("127.0.0.1:0", "", List.of()), sink);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static byte[] validMessages(SplittableRandom r, String chunk) throws IOException {
        MessageBufferPacker entries = MessagePack.newDefaultBufferPacker();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            entries.packArrayHeader(2).packExtensionTypeHeader((byte) 0, 8)
                    .writePayload(ByteBuffer.allocate(8).putInt(1_700_000_000 + i).putInt(i).array());
            entries.packMapHeader(3).packString("message").packString("event " + i)
                    .packString("n").packInt(r.nextInt())
                    .packString("nested").packMapHeader(1).packString("k").packArrayHeader(2).packInt(1).packNil();
        }
        byte[] raw = entries.toByteArray();
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        switch (r.nextInt(3)) {
            case 0 -> {
                p.packArrayHeader(3).packString("fuzz").packBinaryHeader(raw.length).writePayload(raw);
                p.packMapHeader(1).packString("chunk").packString(chunk);
            }
            case 1 -> {
                ByteArrayOutputStream gz = new ByteArrayOutputStream();
                try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
                    z.write(raw);
                }
                byte[] c = gz.toByteArray();
                p.packArrayHeader(3).packString("fuzz").packBinaryHeader(c.length).writePayload(c);
                p.packMapHeader(2).packString("chunk").packString(chunk).packString("compressed").packString("gzip");
            }
            default -> {
                p.packArrayHeader(4).packString("fuzz").packLong(1_700_000_000L);
                p.packMapHeader(1).packString("log").packString("single");
                p.packMapHeader(1).packString("chunk").packString(chunk);
            }
        }
        return p.toByteArray();
    }

    /** Hand-picked bad inputs that must be refused by content alone (the client keeps its side open). */
    private static List<byte[]> knownBad() throws IOException {
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[] {(byte) 0xc1}); // a byte msgpack never uses
        MessageBufferPacker notArray = MessagePack.newDefaultBufferPacker();
        notArray.packString("not an array");
        bad.add(notArray.toByteArray());
        MessageBufferPacker intTag = MessagePack.newDefaultBufferPacker();
        intTag.packArrayHeader(3).packInt(7).packInt(1).packInt(2);
        bad.add(intTag.toByteArray());
        MessageBufferPacker noMap = MessagePack.newDefaultBufferPacker();
        noMap.packArrayHeader(3).packString("t").packLong(1).packString("no map");
        bad.add(noMap.toByteArray());
        MessageBufferPacker nine = MessagePack.newDefaultBufferPacker();
        nine.packArrayHeader(9);
        bad.add(nine.toByteArray());
        MessageBufferPacker huge = MessagePack.newDefaultBufferPacker();
        huge.packArrayHeader(2).packString("t");
        huge.writePayload(new byte[] {(byte) 0xc6, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0}); // bin32 ~4 GiB
        bad.add(huge.toByteArray());
        MessageBufferPacker ext = MessagePack.newDefaultBufferPacker();
        ext.packArrayHeader(3).packString("t").packExtensionTypeHeader((byte) 5, 8).writePayload(new byte[8]);
        ext.packMapHeader(0);
        bad.add(ext.toByteArray());
        MessageBufferPacker gz = MessagePack.newDefaultBufferPacker();
        gz.packArrayHeader(3).packString("t").packBinaryHeader(4).writePayload(new byte[] {1, 2, 3, 4});
        gz.packMapHeader(1).packString("compressed").packString("gzip");
        bad.add(gz.toByteArray());
        MessageBufferPacker deep = MessagePack.newDefaultBufferPacker();
        deep.packArrayHeader(3).packString("t").packLong(1);
        for (int i = 0; i < 10_000; i++) {
            deep.packArrayHeader(1);
        }
        bad.add(deep.toByteArray());
        return bad;
    }

    /** Waits for the server to close: a read returns end-of-stream or the connection is reset. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[256];
        try {
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void badConnectionsAreClosedWhileAGoodOneKeepsBeingServed() throws Exception {
        SplittableRandom r = new SplittableRandom(20261129L);
        long acked = 0;
        try (ForwardTestClient good = new ForwardTestClient(harness.port())) {
            for (byte[] bad : knownBad()) {
                try (Socket s = new Socket("127.0.0.1", harness.port())) {
                    s.getOutputStream().write(bad);
                    s.getOutputStream().flush();
                    assertTrue(closedByServer(s), "closed on its own after " + bad.length + " bad bytes");
                }
            }
            for (int round = 0; round < ROUNDS; round++) {
                byte[] valid = validMessages(r, "r" + round);
                byte[] sent = switch (r.nextInt(4)) {
                    case 0 -> java.util.Arrays.copyOf(valid, r.nextInt(valid.length)); // truncated
                    case 1 -> { // bytes flipped
                        byte[] m = valid.clone();
                        for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                            m[r.nextInt(m.length)] = (byte) r.nextInt(256);
                        }
                        yield m;
                    }
                    case 2 -> { // random garbage
                        byte[] g = new byte[1 + r.nextInt(200)];
                        for (int i = 0; i < g.length; i++) {
                            g[i] = (byte) r.nextInt(256);
                        }
                        yield g;
                    }
                    default -> { // valid, then garbage
                        byte[] m = java.util.Arrays.copyOf(valid, valid.length + 3);
                        m[valid.length] = (byte) 0xc1;
                        yield m;
                    }
                };
                try (Socket s = new Socket("127.0.0.1", harness.port())) {
                    s.getOutputStream().write(sent);
                    s.getOutputStream().flush();
                    s.shutdownOutput();
                    assertTrue(closedByServer(s), "round " + round + ": the server closed the connection");
                }
                if (round % 40 == 0) {
                    good.write(validMessages(r, "good" + round));
                    Value ack = good.read();
                    assertNotNull(ack, "the good connection is still served at round " + round);
                    assertEquals("good" + round, ack.asMapValue().map().get(ValueFactory.newString("ack"))
                            .asStringValue().asString());
                    acked++;
                }
            }
        }
        assertEquals(ROUNDS / 40, acked);
        assertTrue(harness.receiver.parseFailures() >= knownBad().size(), "malformed input is counted");
        assertEquals(1, harness.receiver.endpoints().size(), "still listening");
    }
}
