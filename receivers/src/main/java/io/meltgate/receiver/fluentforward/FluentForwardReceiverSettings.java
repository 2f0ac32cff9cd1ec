package io.meltgate.receiver.fluentforward;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.tls.TlsServerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fluentforward} receiver's options. {@code endpoint} and {@code shutdown_delay} are the Collector's
 * ({@code host:port} for TCP, {@code unix:///path} or {@code /path} for a Unix domain socket). meltgate adds the
 * security of Fluentd's {@code in_forward}: {@code shared_key} (the {@code HELO}/{@code PING}/{@code PONG}
 * handshake), {@code self_hostname}, {@code users} (user authentication), and {@code tls} (a TLS listener, the
 * Collector's {@code configtls} server section; absent means plain TCP).
 */
public record FluentForwardReceiverSettings(String endpoint, Duration shutdownDelay, String sharedKey,
                                            String selfHostname, List<User> users, TlsServerSettings tls)
        implements ComponentSettings {

    /** One user of {@code in_forward}'s user authentication. */
    public record User(String username, String password) implements ComponentSettings {
        public static User defaults() {
            return new User("", "");
        }

        @Override
        public List<String> validate() {
            return username == null || username.isEmpty() ? List.of("users: username is required") : List.of();
        }
    }

    /** The Unix socket path when {@code endpoint} names one, else null. */
    String unixSocketPath() {
        if (endpoint.startsWith("unix://")) {
            return endpoint.substring("unix://".length());
        }
        return endpoint.startsWith("/") ? endpoint : null;
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (isBlank(endpoint)) {
            problems.add("endpoint is required: host:port, or unix:///path/to/socket");
        } else if (unixSocketPath() == null) {
            int colon = endpoint.lastIndexOf(':');
            if (colon < 0) {
                problems.add("endpoint '" + endpoint + "' must be host:port or unix:///path");
            } else {
                try {
                    int port = Integer.parseInt(endpoint.substring(colon + 1));
                    if (port < 0 || port > 65535) {
                        problems.add("endpoint '" + endpoint + "' has a port out of range");
                    }
                } catch (NumberFormatException e) {
                    problems.add("endpoint '" + endpoint + "' has no numeric port");
                }
            }
        } else if (tls != null) {
            problems.add("tls is for TCP endpoints, not Unix sockets");
        }
        if (shutdownDelay == null || shutdownDelay.isNegative()) {
            problems.add("shutdown_delay must not be negative");
        }
        if (users != null && !users.isEmpty() && isBlank(sharedKey)) {
            problems.add("users need shared_key: user authentication is part of the shared key handshake");
        }
        return problems;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
