package io.meltgate.core.otlp.json;

import java.io.IOException;

/**
 * A body is not valid OTLP/JSON: not JSON at all, a value of the wrong type for its field, an id that is not
 * hex, a number out of range, or nesting deeper than the codec accepts. Receivers answer it as bad data
 * (HTTP 400); the message says what and where, for the {@code google.rpc.Status} of the answer.
 */
public final class OtlpJsonException extends IOException {

    public OtlpJsonException(String message) {
        super(message);
    }

    public OtlpJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
