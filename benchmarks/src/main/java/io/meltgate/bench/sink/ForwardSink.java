package io.meltgate.bench.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.meltgate.core.signal.Signal;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * A Fluentd stand-in that only counts: accepts the Forward protocol on one port (any number of connections, one
 * NIO selector thread), counts the events of every message ({@link ForwardEventCounter}), answers each
 * {@code chunk} with {@code {"ack": chunk}} as soon as the message is read, and serves {@code GET /count} on a
 * second port with the same JSON as {@link OtlpSink} (events count as {@code log_records}). No handshake
 * ({@code shared_key}) and no TLS: it is the far end of a loopback benchmark, cheap enough not to be what is
 * measured. A connection that sends something that is no Forward message is closed (and counted malformed).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.meltgate.bench.sink.ForwardSink --forward-port 0 --http-port 0</pre>
 */
public final class ForwardSink implements AutoCloseable {

    private final SinkCounts counts = new SinkCounts();
    private final LongAdder connections = new LongAdder();
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread loop;
    private final HttpServer http;
    private volatile boolean closing;

    public ForwardSink(String host, int forwardPort, int httpPort) throws IOException {
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(host, forwardPort), 256);
        server.configureBlocking(false);
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.loop = new Thread(this::run, "forward-sink");
        loop.setDaemon(true);
        loop.start();
        this.http = HttpServer.create(new InetSocketAddress(host, httpPort), 64);
        http.setExecutor(Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "sink-http");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/count", this::serveCount);
        http.start();
    }

    /** One client connection: what it sent that is not yet a whole message, and acks not yet written. */
    private static final class Conn {
        byte[] in = new byte[64 * 1024];
        int filled;
        ByteBuffer out = ByteBuffer.allocate(4 * 1024).flip();
    }

    private void run() {
        ByteBuffer read = ByteBuffer.allocateDirect(256 * 1024);
        while (!closing) {
            try {
                selector.select(500);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                        continue;
                    }
                    try {
                        if (key.isReadable()) {
                            readFrom(key, read);
                        }
                        if (key.isValid() && key.isWritable()) {
                            flush(key);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        key.channel().close();
                    }
                }
            } catch (IOException e) {
                if (!closing) {
                    System.err.println("forward sink: " + e);
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel c;
        while ((c = server.accept()) != null) {
            c.configureBlocking(false);
            c.socket().setTcpNoDelay(true);
            c.register(selector, SelectionKey.OP_READ, new Conn());
            connections.increment();
        }
    }

    private void readFrom(SelectionKey key, ByteBuffer read) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        Conn c = (Conn) key.attachment();
        while (true) {
            read.clear();
            int r = ch.read(read);
            if (r < 0) {
                key.cancel();
                ch.close();
                return;
            }
            if (r == 0) {
                break;
            }
            read.flip();
            if (c.in.length - c.filled < r) {
                c.in = Arrays.copyOf(c.in, Math.max(c.in.length * 2, c.filled + r));
            }
            read.get(c.in, c.filled, r);
            c.filled += r;
            if (r < read.capacity()) {
                break;
            }
        }
        int pos = 0;
        while (pos < c.filled) {
            ForwardEventCounter.Message m;
            try {
                m = ForwardEventCounter.read(c.in, pos, c.filled - pos);
            } catch (IOException malformed) {
                counts.malformed();
                throw malformed;
            }
            if (m == null) {
                break; // the rest of the message is still on its way
            }
            pos += m.bytes();
            counts.add(Signal.LOGS, m.events(), m.bytes());
            if (m.chunk() != null) {
                queueAck(c, m.chunk());
            }
        }
        if (pos > 0) {
            System.arraycopy(c.in, pos, c.in, 0, c.filled - pos);
            c.filled -= pos;
        }
        if (c.out.hasRemaining()) {
            flush(key);
        }
    }

    private static void queueAck(Conn c, String chunk) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1);
        p.packString("ack");
        p.packString(chunk);
        byte[] ack = p.toByteArray();
        c.out.compact();
        if (c.out.remaining() < ack.length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(c.out.capacity() * 2, c.out.position() + ack.length));
            c.out.flip();
            bigger.put(c.out);
            c.out = bigger;
        }
        c.out.put(ack);
        c.out.flip();
    }

    /** Writes what the socket takes now; waits for writability only when it did not take everything. */
    private static void flush(SelectionKey key) throws IOException {
        Conn c = (Conn) key.attachment();
        ((SocketChannel) key.channel()).write(c.out);
        key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void serveCount(HttpExchange exchange) throws IOException {
        try (exchange) {
            String json = counts.toJson();
            json = json.substring(0, json.length() - 1) + ",\"connections\":" + connections.sum() + "}";
            byte[] body = (json + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public SinkCounts counts() {
        return counts;
    }

    public int forwardPort() {
        return server.socket().getLocalPort();
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closing = true;
        selector.wakeup();
        loop.join(2000);
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
        server.close();
        http.stop(0);
    }

    public static void main(String[] args) throws Exception {
        SinkCommandLine cli = SinkCommandLine.parse(args, "ForwardSink", "forward-port", 24224);
        ForwardSink sink = new ForwardSink(cli.host(), cli.port(), cli.httpPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sink.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }, "sink-stop"));
        cli.announceAndReport("forward_port", sink.forwardPort(), sink.httpPort(), sink::counts);
    }
}
