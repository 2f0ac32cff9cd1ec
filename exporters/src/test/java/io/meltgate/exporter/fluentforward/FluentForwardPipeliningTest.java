package io.meltgate.exporter.fluentforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Several messages in flight on one connection: acks are matched by chunk id in whatever order they come back, a
 * missing ack fails only its own batch (the connection stays for the others), and with the delivery engine's
 * retries a batch whose ack went missing is sent again while no acknowledged batch is.
 */
class FluentForwardPipeliningTest {

    private ScriptedServer server;
    private FluentForwardSender sender;
    private Exporter exporter;
    private ExecutorService pool;

    @AfterEach
    void stop() throws Exception {
        if (exporter != null) {
            exporter.shutdown();
        }
        if (sender != null) {
            sender.shutdown();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * A Forward server scripted for the test, on one thread per connection: reads {@code PackedForward} messages
     * (the exporter's), and acks them in batches of {@code ackEvery}, newest first (so acks come back out of
     * order, and only while several messages are in flight), skipping those the policy withholds.
     */
    static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final List<String> acked = Collections.synchronizedList(new ArrayList<>());
        final int ackEvery;
        /** (first body of the message, how many times that body arrived before) → whether to ack. */
        final BiPredicate<String, Integer> ack;
        final Thread acceptor;

        ScriptedServer(int ackEvery, BiPredicate<String, Integer> ack) throws IOException {
            this.ackEvery = ackEvery;
            this.ack = ack;
            this.acceptor = new Thread(this::accept, "scripted-forward-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s), "scripted-forward-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; MessageUnpacker in = MessagePack.newDefaultUnpacker(s.getInputStream())) {
                OutputStream out = s.getOutputStream();
                List<String[]> waiting = new ArrayList<>(); // {chunk, body}
                while (in.hasNext()) {
                    assertEquals(3, in.unpackArrayHeader());
                    in.unpackString(); // tag
                    byte[] entries = in.readPayload(in.unpackBinaryHeader());
                    String chunk = null;
                    int options = in.unpackMapHeader();
                    for (int i = 0; i < options; i++) {
                        if (in.unpackString().equals("chunk")) {
                            chunk = in.unpackString();
                        } else {
                            in.skipValue();
                        }
                    }
                    String body = firstBody(entries);
                    int before;
                    synchronized (received) {
                        before = Collections.frequency(received, body);
                        received.add(body);
                    }
                    if (ack.test(body, before)) {
                        waiting.add(new String[] {chunk, body});
                    } else {
                        waiting.add(new String[] {null, body}); // counts toward the group, never acked
                    }
                    if (waiting.size() == ackEvery) {
                        Collections.reverse(waiting);
                        for (String[] w : waiting) {
                            if (w[0] != null) {
                                MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
                                p.packMapHeader(1).packString("ack").packString(w[0]);
                                // Recorded before it is written: once written, the test may look at once.
                                acked.add(w[1]);
                                out.write(p.toByteArray());
                            }
                        }
                        out.flush();
                        waiting.clear();
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static String firstBody(byte[] entries) throws IOException {
            try (MessageUnpacker e = MessagePack.newDefaultUnpacker(entries)) {
                e.unpackArrayHeader();
                e.skipValue(); // time
                int fields = e.unpackMapHeader();
                for (int i = 0; i < fields; i++) {
                    if (e.unpackString().equals("message")) {
                        return e.unpackString();
                    }
                    e.skipValue();
                }
            }
            return "";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static LogBatch named(String name, int records) {
        ScopeLogs.Builder sl = ScopeLogs.newBuilder().setScope(OtlpFixtures.scope());
        for (int i = 0; i < records; i++) {
            sl.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_764_000_000_000_000_000L + i)
                    .setBody(AnyValue.newBuilder().setStringValue(name)));
        }
        return LogBatch.of(List.of(ResourceLogs.newBuilder().setResource(OtlpFixtures.resource("svc", 1))
                .addScopeLogs(sl).build()), RequestMetadata.EMPTY);
    }

    private FluentForwardExporterSettings settings(int connections, Duration timeout) {
        FluentForwardExporterSettings b = FluentForwardTestSupport.exporterSettings(
                List.of("127.0.0.1:" + server.port()), true, false, "", null);
        return new FluentForwardExporterSettings(b.endpoint(), b.endpoints(), b.connectionTimeout(), b.tls(), "", "",
                "", "client.test", true, "pipelined", false, Map.of(), Duration.ofMillis(1), connections,
                new QueueSettings(true, 4, 1000, true, null, null, null, false),
                new RetrySettings(true, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(30), 1.5, 0.1),
                timeout);
    }

    /** Sends the named batches at once, each on its own thread; returns each one's failure or null. */
    private Map<String, SendException> sendConcurrently(List<String> names, Duration timeout) throws Exception {
        pool = Executors.newFixedThreadPool(names.size());
        Map<String, Future<SendException>> futures = new HashMap<>();
        for (String n : names) {
            futures.put(n, pool.submit(() -> {
                try {
                    sender.send(named(n, 3), timeout);
                    return null;
                } catch (SendException e) {
                    return e;
                }
            }));
        }
        Map<String, SendException> out = new HashMap<>();
        for (String n : names) {
            out.put(n, futures.get(n).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS));
        }
        return out;
    }

    @Test
    void manyMessagesInFlightOnOneConnectionWithAcksOutOfOrder() throws Exception {
        // The server acks only once it holds 5 messages, newest first: one message in flight per connection
        // would never see an ack.
        server = new ScriptedServer(5, (body, before) -> true);
        sender = new FluentForwardSender(settings(1, Duration.ofSeconds(5)));
        sender.start();
        List<String> names = List.of("b0", "b1", "b2", "b3", "b4");
        Map<String, SendException> failures = sendConcurrently(names, Duration.ofSeconds(5));
        failures.forEach((n, e) -> assertEquals(null, e, n + " failed"));
        assertEquals(1, server.connections.get(), "all on one connection");
        assertEquals(Set.copyOf(names), Set.copyOf(server.acked));
        assertEquals(5, server.received.size(), "each sent once");
    }

    @Test
    void connectionsOpenOnlyAsConcurrentSendsNeedThem() throws Exception {
        server = new ScriptedServer(1, (body, before) -> true);
        sender = new FluentForwardSender(settings(4, Duration.ofSeconds(5)));
        sender.start();
        for (int i = 0; i < 6; i++) {
            sender.send(named("s" + i, 2), Duration.ofSeconds(5)); // one after the other: an idle one each time
        }
        assertEquals(1, server.connections.get(), "sequential sends reuse the one idle connection");
        // 8 at once: more connections, never more than the limit
        Map<String, SendException> failures = sendConcurrently(
                List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"), Duration.ofSeconds(5));
        failures.forEach((n, e) -> assertEquals(null, e, n + " failed"));
        assertTrue(server.connections.get() <= 4, "at most the limit: " + server.connections.get());
        assertEquals(14, server.acked.size(), "each acked once");
    }

    @Test
    void aMissingAckFailsOnlyItsBatchAndTheConnectionGoesOn() throws Exception {
        server = new ScriptedServer(4, (body, before) -> !body.equals("b2"));
        sender = new FluentForwardSender(settings(1, Duration.ofSeconds(1)));
        sender.start();
        Map<String, SendException> failures = sendConcurrently(List.of("b0", "b1", "b2", "b3"), Duration.ofSeconds(1));
        assertEquals(null, failures.get("b0"));
        assertEquals(null, failures.get("b1"));
        assertEquals(null, failures.get("b3"));
        SendException missing = failures.get("b2");
        assertTrue(missing != null && missing.isRetryable(), "no ack for b2: retryable failure, got " + missing);
        assertTrue(missing.getMessage().contains("no ack"), missing.getMessage());
        // the connection is still good: the next sends go over it
        Map<String, SendException> next = sendConcurrently(List.of("c0", "c1", "c2", "c3"), Duration.ofSeconds(5));
        next.forEach((n, e) -> assertEquals(null, e, n + " failed"));
        assertEquals(1, server.connections.get(), "the missing ack did not cost the connection");
    }

    @Test
    void theEngineRetriesTheBatchWhoseAckWentMissingAndNoOther() throws Exception {
        // b3's first ack is withheld; everything else is acked at once (two connections, messages pipelined).
        server = new ScriptedServer(1, (body, before) -> !(body.equals("b3") && before == 0));
        exporter = new FluentForwardExporterFactory().create(FluentForwardTestSupport.context(ComponentKind.EXPORTER),
                settings(2, Duration.ofSeconds(2)), Set.of(Signal.LOGS)); // roomy: a slow ack must not look missing
        exporter.start();
        int n = 10;
        for (int i = 0; i < n; i++) {
            exporter.consume(named("b" + i, 3));
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (server.acked.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // nothing more may come
        Map<String, Integer> ackedTimes = new HashMap<>();
        for (String b : List.copyOf(server.acked)) {
            ackedTimes.merge(b, 1, Integer::sum);
        }
        assertEquals(n, ackedTimes.size(), "every batch delivered: " + ackedTimes);
        ackedTimes.forEach((b, times) -> assertEquals(1, times, b + " acknowledged " + times + " times"));
        assertEquals(2, Collections.frequency(server.received, "b3"), "b3 sent again after its missing ack");
        for (int i = 0; i < n; i++) {
            if (i != 3) {
                assertEquals(1, Collections.frequency(server.received, "b" + i), "b" + i + " sent once");
            }
        }
    }
}
