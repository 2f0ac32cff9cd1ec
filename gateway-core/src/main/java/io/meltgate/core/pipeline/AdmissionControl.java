package io.meltgate.core.pipeline;

import java.util.Optional;

/**
 * Implemented by a processor that decides whether its pipeline may take new data at all (the
 * {@code memory_limiter}). The decision is made where data enters, before the receiver acknowledges it, so
 * a refusal is a retryable answer to the sender instead of a loss after the fact. Called on receiver threads
 * for every request: must be cheap and thread-safe (a volatile read).
 */
public interface AdmissionControl {

    /** Why new data must be refused right now, or empty to admit it. */
    Optional<String> refusal();
}
