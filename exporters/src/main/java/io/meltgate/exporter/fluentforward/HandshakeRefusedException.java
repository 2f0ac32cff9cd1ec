package io.meltgate.exporter.fluentforward;

import java.io.IOException;

/** The server answered the handshake's {@code PING} with a failed {@code PONG}, or its {@code PONG} did not verify. */
final class HandshakeRefusedException extends IOException {
    HandshakeRefusedException(String message) {
        super(message);
    }
}
