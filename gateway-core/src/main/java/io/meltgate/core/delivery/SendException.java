package io.meltgate.core.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * A send that failed, classified: retryable (gRPC UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED with
 * retry info, ...; HTTP 429, 502, 503, 504; connection failures) or permanent (everything else: the batch is
 * dropped after one try and counted). {@code retryAfter} carries a delay the backend asked for
 * (gRPC RetryInfo, HTTP Retry-After): the engine waits at least that long before the next try.
 */
public final class SendException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    private SendException(String message, Throwable cause, boolean retryable, Duration retryAfter) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static SendException retryable(String message, Throwable cause, Duration retryAfter) {
        return new SendException(message, cause, true, retryAfter);
    }

    public static SendException retryable(String message, Throwable cause) {
        return new SendException(message, cause, true, null);
    }

    public static SendException permanent(String message, Throwable cause) {
        return new SendException(message, cause, false, null);
    }

    public boolean isRetryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
