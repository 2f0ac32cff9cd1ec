package io.meltgate.bench.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.exporter.fluentforward.FluentForwardExporterFactory;
import io.meltgate.exporter.fluentforward.FluentForwardExporterSettings;
import io.meltgate.exporter.fluentforward.ForwardEventEncoder;
import io.meltgate.exporter.fluentforward.ForwardMessage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.komamitsu.fluency.EventTime;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/** The ForwardSink counts every event of every carrier mode exactly once and acknowledges every chunk. */
class ForwardSinkTest {

    private ForwardSink sink;

    @BeforeEach
    void start() throws Exception {
        sink = new ForwardSink("127.0.0.1", 0, 0);
    }

    @AfterEach
    void stop() throws Exception {
        sink.close();
    }

    private void awaitCount(long n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sink.counts().items(Signal.LOGS) < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void countsFluencyEventsWithAcks() throws Exception {
        FluencyBuilderForFluentd builder = new FluencyBuilderForFluentd();
        builder.setAckResponseMode(true);
        builder.setFlushAttemptIntervalMillis(50);
        int n = 2_500;
        try (Fluency fluency = builder.build("127.0.0.1", sink.forwardPort())) {
            for (int i = 0; i < n; i++) {
                Map<String, Object> event = new HashMap<>();
                event.put("message", "event " + i);
                event.put("seq", i);
                fluency.emit("app." + (i % 3), EventTime.fromEpoch(1_764_000_000L + i, 0), event);
            }
            fluency.flush();
            assertTrue(fluency.waitUntilAllBufferFlushed(10), "Fluency got its acks");
        }
        awaitCount(n);
        Thread.sleep(100); // nothing more may arrive
        assertEquals(n, sink.counts().items(Signal.LOGS));
        assertEquals(0, sink.counts().malformedCount());
        String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + sink.httpPort() + "/count")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(json.contains("\"log_records\":" + n + ","), json);
    }

    @Test
    void countsEveryCarrierModeAndAcksEachChunkOnOnePipelinedConnection() throws Exception {
        FluentForwardExporterSettings defaults = new FluentForwardExporterFactory().defaultSettings();
        FluentForwardExporterSettings gzip = new FluentForwardExporterSettings(defaults.endpoint(),
                defaults.endpoints(), defaults.connectionTimeout(), defaults.tls(), "", "", "", "", true, "t", true,
                defaults.defaultLabelsEnabled(), defaults.recoverWait(), defaults.maxConnectionsPerEndpoint(), defaults.sendingQueue(),
                defaults.retryOnFailure(), defaults.timeout());
        OtlpFixtures fixtures = new OtlpFixtures(5);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Set<String> chunks = new HashSet<>();
        long expected = 0;
        // PackedForward and CompressedPackedForward from the exporter's encoder
        for (ForwardEventEncoder encoder : List.of(new ForwardEventEncoder(defaults), new ForwardEventEncoder(gzip))) {
            for (int size : new int[] {1, 37, 100}) {
                for (ForwardMessage m : encoder.encode(LogBatch.of(fixtures.logsRequest(size), RequestMetadata.EMPTY),
                        true)) {
                    m.writeTo(wire);
                    chunks.add(m.chunk());
                    expected += m.events();
                }
            }
        }
        // Message mode with a chunk, Forward mode with a chunk, a heartbeat, Message mode without options
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(4).packString("m").packLong(1_764_000_000L).packMapHeader(1).packString("k").packInt(1);
        p.packMapHeader(1).packString("chunk").packString("message-chunk");
        p.packArrayHeader(3).packString("f").packArrayHeader(3);
        for (int i = 0; i < 3; i++) {
            p.packArrayHeader(2).packLong(1_764_000_000L + i).packMapHeader(0);
        }
        p.packMapHeader(1).packString("chunk").packString("forward-chunk");
        p.packNil();
        p.packArrayHeader(3).packString("m").packLong(1).packMapHeader(0);
        wire.write(p.toByteArray());
        chunks.add("message-chunk");
        chunks.add("forward-chunk");
        expected += 1 + 3 + 1;

        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", sink.forwardPort()), 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            byte[] bytes = wire.toByteArray();
            // in small pieces, so that messages are split across reads
            for (int off = 0; off < bytes.length; off += 1000) {
                out.write(bytes, off, Math.min(1000, bytes.length - off));
                out.flush();
            }
            MessageUnpacker in = MessagePack.newDefaultUnpacker(s.getInputStream());
            List<String> acked = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                assertEquals(1, in.unpackMapHeader());
                assertEquals("ack", in.unpackString());
                acked.add(in.unpackString());
            }
            assertEquals(chunks, new HashSet<>(acked), "every chunk acknowledged");
            assertEquals(chunks.size(), acked.size(), "each once");
        }
        awaitCount(expected);
        assertEquals(expected, sink.counts().items(Signal.LOGS));
        assertEquals(0, sink.counts().malformedCount());
    }

    @Test
    void aPartMessageIsNotCountedUntilItsRestArrives() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(3).packString("f").packArrayHeader(2);
        for (int i = 0; i < 2; i++) {
            p.packArrayHeader(2).packLong(1_764_000_000L + i).packMapHeader(1).packString("k").packString("v" + i);
        }
        p.packMapHeader(0);
        byte[] whole = p.toByteArray();
        for (int cut = 0; cut < whole.length; cut++) {
            assertNull(ForwardEventCounter.read(whole, 0, cut), "cut at " + cut);
        }
        ForwardEventCounter.Message m = ForwardEventCounter.read(whole, 0, whole.length);
        assertEquals(2, m.events());
        assertEquals(whole.length, m.bytes());
    }
}
