package io.meltgate.exporter.grpcclient;

import java.net.URI;
import java.util.Locale;

/**
 * A gRPC exporter's {@code endpoint} as the Collector reads it: {@code host:port}, or a URL whose scheme says
 * whether to use TLS ({@code http://host:port} plaintext, {@code https://host:port} TLS), the path ignored.
 *
 * @param plaintextByScheme true when the scheme was {@code http}, which means plaintext whatever {@code tls} says
 */
public record GrpcEndpoint(String host, int port, boolean plaintextByScheme) {

    public static GrpcEndpoint parse(String endpoint) {
        String e = endpoint.trim();
        String lower = e.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = URI.create(e);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host in '" + endpoint + "'");
            }
            boolean plain = lower.startsWith("http://");
            int port = uri.getPort() > 0 ? uri.getPort() : plain ? 80 : 443;
            return new GrpcEndpoint(uri.getHost(), port, plain);
        }
        int colon = e.lastIndexOf(':');
        if (colon <= 0 || colon == e.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + endpoint + "'");
        }
        String host = e.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(e.substring(colon + 1));
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range in '" + endpoint + "'");
            }
            return new GrpcEndpoint(host, port, false);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("expected host:port, got '" + endpoint + "'");
        }
    }

    /** The gRPC target: the DNS resolver, so {@code round_robin} spreads calls over every address of the host. */
    public String target() {
        return "dns:///" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
