package io.meltgate.bench.loadgen;

/**
 * Sends one pre-encoded OTLP export request and reports the outcome asynchronously. Implementations cost as
 * little CPU as their protocol allows: the body is never decoded or re-encoded.
 */
public interface OtlpTransport extends AutoCloseable {

    /** How a request ended, as far as the delivery contract is concerned. */
    enum Outcome {
        /** Taken (the response may still reject part of it: see {@code rejectedItems}). */
        ACCEPTED,
        /** Refused with a retryable answer (gRPC UNAVAILABLE / RESOURCE_EXHAUSTED, HTTP 429/502/503/504). */
        REFUSED,
        /** Any other error: permanent refusal, timeout, broken connection. */
        FAILED
    }

    /** Called once per request, on a transport thread. */
    interface Callback {
        /**
         * @param rejectedItems items the receiver rejected in a partial-success answer (0 otherwise)
         * @param status the protocol's status ("OK", "UNAVAILABLE", "503", ...), for the summary
         */
        void done(Outcome outcome, long rejectedItems, String status);
    }

    void send(byte[] body, Callback callback);

    @Override
    void close();
}
