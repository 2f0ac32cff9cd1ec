package io.meltgate.receiver.fluentforward;

import java.io.IOException;

/** The peer sent something that is not a Forward protocol message (or exceeds the receiver's limits). */
final class MalformedForwardException extends IOException {
    MalformedForwardException(String message) {
        super(message);
    }

    MalformedForwardException(String message, Throwable cause) {
        super(message, cause);
    }
}
