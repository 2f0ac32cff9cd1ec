package io.meltgate.config.telemetry;

/** A {@code host:port} as the Collector writes addresses ({@code localhost:8888}, {@code :8888}, {@code [::1]:8888}). */
public record HostPort(String host, int port) {

    /** Parses {@code host:port}; an empty host means every interface. Throws IllegalArgumentException. */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected host:port, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in '" + text + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 in '" + text + "'");
        }
        return new HostPort(host.isEmpty() ? "0.0.0.0" : host, port);
    }
}
