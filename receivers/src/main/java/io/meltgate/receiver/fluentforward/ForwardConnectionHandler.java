package io.meltgate.receiver.fluentforward;

import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.signal.Signal;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Serves one client connection on its own thread: the handshake when a shared key is set, then messages one
 * after the other. Each message becomes one log batch handed to the pipelines; its {@code chunk} is acknowledged
 * only after the pipelines took the batch. When they refuse it for now (a full ring) the connection is closed
 * without an ack, so the client sends the chunk again; a permanent refusal is acknowledged (retrying cannot
 * help) and counted. Anything malformed closes this connection only.
 */
final class ForwardConnectionHandler implements Runnable {

    private static final Logger LOG = Logger.getLogger(ForwardConnectionHandler.class.getName());
    private static final MessagePack.UnpackerConfig UNPACKER = new MessagePack.UnpackerConfig().withBufferSize(64 * 1024);
    private static final MessagePack.PackerConfig ACK_PACKER = new MessagePack.PackerConfig().withBufferSize(256);

    /** How the handler reaches its transport (a TCP or TLS socket, or a Unix socket channel). */
    interface Transport extends AutoCloseable {
        InputStream input() throws IOException;

        OutputStream output() throws IOException;

        /** Bounds reads while the handshake runs (0: none); Unix sockets ignore it. */
        void readTimeout(int millis) throws IOException;

        /** Ends reading: a blocked read returns end-of-stream, so the handler finishes the message it has. */
        void stopReading();

        String remote();

        @Override
        void close();
    }

    private final Transport transport;
    private final ForwardDecoder decoder;
    private final ServerHandshake handshake;
    private final BatchConsumer next;
    private final FluentForwardTelemetry telemetry;

    ForwardConnectionHandler(Transport transport, ForwardDecoder decoder, ServerHandshake handshake,
                             BatchConsumer next, FluentForwardTelemetry telemetry) {
        this.transport = transport;
        this.decoder = decoder;
        this.handshake = handshake;
        this.next = next;
        this.telemetry = telemetry;
    }

    void stopReading() {
        transport.stopReading();
    }

    void close() {
        transport.close();
    }

    @Override
    public void run() {
        telemetry.opened();
        try {
            serve();
        } catch (MalformedForwardException e) {
            telemetry.parseFailed();
            LOG.log(Level.FINE, "fluentforward: closing " + transport.remote() + ": " + e.getMessage());
        } catch (MessagePackException e) {
            telemetry.parseFailed();
            LOG.log(Level.FINE, "fluentforward: closing " + transport.remote() + ": invalid msgpack", e);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "fluentforward: connection " + transport.remote() + " ended", e);
        } catch (StackOverflowError e) {
            telemetry.parseFailed();
            LOG.log(Level.FINE, "fluentforward: closing " + transport.remote() + ": nested too deeply");
        } finally {
            transport.close();
            telemetry.closed();
        }
    }

    private void serve() throws IOException {
        OutputStream out = new BufferedOutputStream(transport.output(), 256);
        // A buffer of 64 KiB (not 8): a message of 100 records is 20-40 KiB, read in a few system calls.
        try (MessageUnpacker in = UNPACKER.newUnpacker(transport.input())) {
            if (handshake != null) {
                transport.readTimeout(30_000);
                String refused = handshake.run(in, out);
                if (refused != null) {
                    telemetry.handshakeFailed();
                    LOG.log(Level.WARNING, "fluentforward: refused " + transport.remote() + ": " + refused);
                    ServerHandshake.refuse(out, refused);
                    return;
                }
                transport.readTimeout(0);
            }
            RequestMetadata metadata = new RequestMetadata(transport.remote(), null);
            MessagePacker acks = ACK_PACKER.newPacker(out); // one per connection, not one 8 KiB buffer per ack
            while (in.hasNext()) {
                if (in.getNextFormat().getValueType() == ValueType.NIL) {
                    in.unpackNil(); // a TCP heartbeat: nothing to answer
                    continue;
                }
                if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
                    throw new MalformedForwardException("a Forward message is an array, got "
                            + in.getNextFormat().getValueType());
                }
                ReceivedMessage m = decoder.decode(in);
                telemetry.parsed(m.events());
                if (m.events() > 0 && !deliver(m, metadata)) {
                    return; // refused for now: no ack, the client sends it again
                }
                if (m.chunk() != null) {
                    ack(acks, m.chunk());
                }
            }
        }
    }

    /** True when the chunk may be acknowledged (taken, or refused for good). */
    private boolean deliver(ReceivedMessage m, RequestMetadata metadata) {
        LogBatch batch = new LogBatch(List.of(m.resourceLogs()), m.events(), metadata);
        try {
            next.consume(batch);
            telemetry.metrics().accepted(Signal.LOGS, m.events());
            return true;
        } catch (ConsumeException e) {
            telemetry.metrics().refused(Signal.LOGS, m.events());
            if (e.isRetryable()) {
                LOG.log(Level.FINE, "fluentforward: refused " + m.events() + " events for now: " + e.getMessage());
                return false;
            }
            LOG.log(Level.WARNING, "fluentforward: " + m.events() + " events refused for good: " + e.getMessage());
            return true;
        }
    }

    private static void ack(MessagePacker acks, String chunk) throws IOException {
        acks.packMapHeader(1);
        acks.packString("ack");
        acks.packString(chunk);
        acks.flush(); // into the stream, and the stream to the socket
    }
}
