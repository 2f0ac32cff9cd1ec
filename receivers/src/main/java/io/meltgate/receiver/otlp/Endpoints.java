package io.meltgate.receiver.otlp;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Go-style {@code host:port} endpoints as the Collector writes them: {@code localhost:4317},
 * {@code 0.0.0.0:4318}, {@code [::1]:4317}, or {@code :4317} for every interface.
 */
public final class Endpoints {

    private Endpoints() {
    }

    public static InetSocketAddress parse(String endpoint) {
        String e = endpoint.trim();
        int colon = e.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\" must be host:port");
        }
        String host = e.substring(0, colon);
        int port = Integer.parseInt(e.substring(colon + 1));
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\": port out of range");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    static void check(String option, String endpoint, List<String> problems) {
        if (endpoint == null || endpoint.isBlank()) {
            problems.add(option + " must be host:port");
            return;
        }
        try {
            String e = endpoint.trim();
            int colon = e.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("must be host:port");
            }
            int port = Integer.parseInt(e.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range");
            }
        } catch (IllegalArgumentException ex) {
            problems.add(option + " \"" + endpoint + "\" is not a valid host:port");
        }
    }
}
