package io.meltgate.core.component;

/**
 * The lifecycle every component shares. The service starts exporters first, then processors, then
 * receivers, and shuts them down in the reverse order, so data only ever flows towards something running.
 */
public interface Component {

    /** Acquires what the component needs (ports, connections, threads). Fails the whole start if it throws. */
    default void start() throws Exception {
    }

    /** Releases everything; after it returns the component takes no more work. Must not throw. */
    default void shutdown() {
    }
}
