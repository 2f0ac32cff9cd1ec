package io.meltgate.exporter.fluentforward;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One encoded {@code PackedForward} (or {@code CompressedPackedForward}) message, kept in three parts so the
 * entries are never copied: the head ({@code [tag, bin header}), the entries, and the options map.
 *
 * @param entries the entries in {@code entries[0, entriesLength)}: the encoder's buffer as it is, not a trimmed copy
 * @param chunk the {@code chunk} option the server must acknowledge, or null when no ack is asked for
 * @param events the number of events (log records) in the message
 */
public record ForwardMessage(byte[] head, byte[] entries, int entriesLength, byte[] options, String chunk, int events) {

    /** Writes the message as it goes on the wire. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(head);
        out.write(entries, 0, entriesLength);
        out.write(options);
    }

    /** The message's size on the wire, in bytes. */
    public int size() {
        return head.length + entriesLength + options.length;
    }
}
