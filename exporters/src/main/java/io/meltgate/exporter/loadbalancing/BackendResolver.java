package io.meltgate.exporter.loadbalancing;

import java.util.List;
import java.util.function.Consumer;

/** Where the backends come from; tells the exporter the full, sorted list whenever it changes. */
interface BackendResolver {

    /** Starts resolving; the first list is delivered before this returns when it is known at once. */
    void start(Consumer<List<String>> onChange) throws Exception;

    void shutdown();

    /** {@code host:port}, with the default port when the name has none. */
    static String withPort(String hostname, String defaultPort) {
        String h = hostname.trim();
        if (h.startsWith("[")) {
            return h.contains("]:") ? h : h + ":" + defaultPort;
        }
        long colons = h.chars().filter(c -> c == ':').count();
        if (colons == 1) {
            return h;
        }
        return colons == 0 ? h + ":" + defaultPort : "[" + h + "]:" + defaultPort; // a bare IPv6 address
    }
}
