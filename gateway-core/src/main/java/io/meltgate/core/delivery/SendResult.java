package io.meltgate.core.delivery;

/**
 * A send the backend accepted. {@code rejectedItems} is what it reported as rejected in an OTLP
 * {@code partial_success} (those are not retried: the backend said they are bad), with its message.
 */
public record SendResult(long rejectedItems, String message) {

    public static final SendResult OK = new SendResult(0, "");

    public static SendResult partial(long rejectedItems, String message) {
        return rejectedItems <= 0 && (message == null || message.isEmpty()) ? OK
                : new SendResult(rejectedItems, message == null ? "" : message);
    }
}
