package io.meltgate.receiver.otlp;

import java.time.Duration;

/**
 * How the receiver answers one export request, whatever the transport: accepted (possibly with some items
 * rejected, reported as the response's {@code partial_success}), refused for now (the sender keeps the
 * data and retries, after {@code retryAfter}), or refused for good (retrying cannot help).
 */
public record ExportOutcome(Kind kind, long rejectedItems, String message, Duration retryAfter) {

    public enum Kind { ACCEPTED, RETRYABLE, PERMANENT }

    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private static final ExportOutcome ACCEPTED_ALL = new ExportOutcome(Kind.ACCEPTED, 0, "", null);

    public static ExportOutcome accepted() {
        return ACCEPTED_ALL;
    }

    public static ExportOutcome partiallyAccepted(long rejectedItems, String message) {
        return rejectedItems == 0 ? ACCEPTED_ALL : new ExportOutcome(Kind.ACCEPTED, rejectedItems, message, null);
    }

    public static ExportOutcome retryable(String message, Duration retryAfter) {
        return new ExportOutcome(Kind.RETRYABLE, 0, message, retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter);
    }

    public static ExportOutcome permanent(String message) {
        return new ExportOutcome(Kind.PERMANENT, 0, message, null);
    }

    public boolean isPartial() {
        return kind == Kind.ACCEPTED && rejectedItems > 0;
    }
}
