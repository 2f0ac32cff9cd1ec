package io.meltgate.core.consumer;

import java.time.Duration;
import java.util.Optional;

/**
 * A consumer refused a batch. The class of the error travels with it, as the Collector's
 * {@code consumererror} does: a retryable refusal (a full ring, a throttling backend) tells the sender to
 * keep the data and try again, optionally after a delay; a permanent one says the data will never be taken.
 */
public final class ConsumeException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    private ConsumeException(String message, Throwable cause, boolean retryable, Duration retryAfter) {
        // A refusal under overload is thrown per request at full rate: skip the stack trace, it says nothing.
        super(message, cause, false, cause != null || !retryable);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** The sender may retry; {@code retryAfter} is the delay to suggest, or null for none. */
    public static ConsumeException retryable(String message, Duration retryAfter) {
        return new ConsumeException(message, null, true, retryAfter);
    }

    public static ConsumeException retryable(String message, Throwable cause) {
        return new ConsumeException(message, cause, true, null);
    }

    /** The data will never be accepted; retrying is pointless. */
    public static ConsumeException permanent(String message, Throwable cause) {
        return new ConsumeException(message, cause, false, null);
    }

    public static ConsumeException permanent(String message) {
        return new ConsumeException(message, null, false, null);
    }

    public boolean isRetryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
