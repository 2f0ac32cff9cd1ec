package io.meltgate.bench.loadgen;

import io.meltgate.bench.Durations;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.exporter.fluentforward.FluentForwardExporterFactory;
import io.meltgate.exporter.fluentforward.ForwardEventEncoder;
import io.meltgate.exporter.fluentforward.ForwardMessage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Forward protocol load, as Fluent Bit or a Fluent logger with acks sends it: {@code --connections} TCP
 * connections, each sending {@code PackedForward} messages of {@code --batch} log records with a {@code chunk}
 * option, with {@code --in-flight} messages (default 1) unacknowledged at most (closed loop: a receiver that refuses sends no
 * ack, which bounds the load by the gateway). Messages are built once by the fluentforward exporter's own encoder
 * from {@link OtlpFixtures} log records. A message not acknowledged (within {@code --timeout}, or because the
 * receiver closed the connection to refuse it) counts as failed and is sent again on a new connection. Prints one
 * JSON line: records acknowledged, per second, and the CPU of {@code --cpu-pid} over the measured window.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.meltgate.bench.loadgen.ForwardLoad --target 127.0.0.1:24224
 *     --batch 100 --connections 4 --duration 15s --warmup 5s --cpu-pid PID</pre>
 */
public final class ForwardLoad {

    private final InetSocketAddress target;
    private final List<ForwardMessage> messages;
    private final Duration timeout;
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();

    private final int inFlight;

    private ForwardLoad(InetSocketAddress target, List<ForwardMessage> messages, Duration timeout, int inFlight) {
        this.target = target;
        this.messages = messages;
        this.timeout = timeout;
        this.inFlight = inFlight;
    }

    /** Sends on {@code connections} threads until {@code duration} has passed; returns the wall-clock seconds. */
    private double run(int connections, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int first = c;
            Thread t = new Thread(() -> sendUntil(end, first), "forward-load-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(duration.toMillis() + timeout.toMillis() * 3 + 5_000);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void sendUntil(long end, int first) {
        int next = first;
        while (System.nanoTime() < end) {
            try (Socket socket = new Socket()) {
                socket.connect(target, (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                socket.setTcpNoDelay(true);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
                MessageUnpacker in = MessagePack.newDefaultUnpacker(socket.getInputStream());
                // A window of --in-flight messages: write until it is full, then one more per ack (in order: a
                // Forward server acks a connection's messages in the order it reads them).
                java.util.ArrayDeque<ForwardMessage> window = new java.util.ArrayDeque<>();
                int sent = next;
                while (System.nanoTime() < end || !window.isEmpty()) {
                    while (window.size() < inFlight && System.nanoTime() < end) {
                        ForwardMessage m = messages.get(sent++ % messages.size());
                        m.writeTo(out);
                        window.addLast(m);
                    }
                    out.flush();
                    if (window.isEmpty()) {
                        break;
                    }
                    ForwardMessage m = window.peekFirst();
                    if (!m.chunk().equals(readAck(in))) {
                        throw new IOException("ack for another chunk");
                    }
                    window.removeFirst();
                    acked.add(m.events());
                    next++;
                }
            } catch (IOException | MessagePackException e) {
                // No ack: a timeout, or the receiver closed the connection to refuse (full ring). The same
                // message is sent again on a new connection, as a Fluent client with acks does.
                failed.increment();
            }
        }
    }

    /** Reads {@code {"ack": chunk}}; returns the chunk. */
    private static String readAck(MessageUnpacker in) throws IOException {
        int fields = in.unpackMapHeader();
        String chunk = null;
        for (int i = 0; i < fields; i++) {
            String key = in.unpackString();
            if (key.equals("ack")) {
                chunk = in.unpackString();
            } else {
                in.skipValue();
            }
        }
        return chunk;
    }

    public static void main(String[] args) throws Exception {
        String target = "127.0.0.1:24224";
        int batch = 100;
        int connections = 4;
        int inFlight = 1;
        int distinct = 64;
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ZERO;
        Duration timeout = Duration.ofSeconds(5);
        long cpuPid = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--target" -> target = v;
                case "--batch" -> batch = Integer.parseInt(v);
                case "--connections" -> connections = Integer.parseInt(v);
                case "--in-flight" -> inFlight = Math.max(1, Integer.parseInt(v));
                case "--distinct" -> distinct = Integer.parseInt(v);
                case "--duration" -> duration = Durations.parse(v);
                case "--warmup" -> warmup = Durations.parse(v);
                case "--timeout" -> timeout = Durations.parse(v);
                case "--cpu-pid" -> cpuPid = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--target --batch --connections --in-flight --distinct --duration --warmup --timeout --cpu-pid)");
            }
        }
        int colon = target.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        OtlpFixtures fixtures = new OtlpFixtures(1);
        ForwardEventEncoder encoder = new ForwardEventEncoder(new FluentForwardExporterFactory().defaultSettings());
        List<ForwardMessage> messages = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            messages.addAll(encoder.encode(LogBatch.of(fixtures.logsRequest(batch), RequestMetadata.EMPTY), true));
        }

        long warmupAcked = 0;
        if (!warmup.isZero()) {
            ForwardLoad warm = new ForwardLoad(address, messages, timeout, inFlight);
            warm.run(connections, warmup);
            warmupAcked = warm.acked.sum();
        }
        ForwardLoad load = new ForwardLoad(address, messages, timeout, inFlight);
        double cpuBefore = cpuPid > 0 ? ProcessCpu.seconds(cpuPid) : -1;
        double seconds = load.run(connections, duration);
        double cpu = cpuPid > 0 ? ProcessCpu.seconds(cpuPid) - cpuBefore : -1;
        long acked = load.acked.sum();
        System.out.printf(Locale.ROOT, "forward load -> %s, batch %d, %d connections: %d log_records acknowledged in %.1f s"
                + " = %.0f/s, %d failed messages%n", target, batch, connections, acked, seconds, acked / seconds, load.failed.sum());
        System.out.printf(Locale.ROOT, "{\"forwardload\":\"summary\",\"items_accepted\":%d,\"accepted_items_per_s\":%.1f,"
                        + "\"messages_failed\":%d,\"warmup_items_accepted\":%d,\"elapsed_s\":%.3f,\"target_cpu_s\":%.2f,"
                        + "\"target_cpu_s_per_million\":%.3f}%n", acked, acked / seconds, load.failed.sum(), warmupAcked,
                seconds, cpu, acked == 0 || cpu < 0 ? -1.0 : cpu / (acked / 1e6));
    }
}
