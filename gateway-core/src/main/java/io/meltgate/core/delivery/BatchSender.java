package io.meltgate.core.delivery;

import io.meltgate.core.data.Batch;
import java.time.Duration;

/**
 * The protocol-specific half of an exporter: encodes one batch and sends it, once, within the timeout. The
 * delivery engine ({@link QueuedExporter}) does the rest (queueing, retries with back-off, metrics, health),
 * the same way for every exporter.
 *
 * <p>Called from the engine's sender threads, possibly several at once: implementations are thread-safe.
 */
public interface BatchSender {

    /**
     * Sends the batch. Returns when the backend took it (fully, or partly: see {@link SendResult}); throws
     * {@link SendException} saying whether a retry may succeed, classified as the OTLP specification says.
     */
    SendResult send(Batch batch, Duration timeout) throws SendException;

    /** Opens connections and the like; called once before the first send. */
    default void start() throws Exception {
    }

    /** Closes connections; called once after the last send. */
    default void shutdown() {
    }
}
