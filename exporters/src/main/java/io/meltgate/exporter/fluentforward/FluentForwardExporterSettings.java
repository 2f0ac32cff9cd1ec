package io.meltgate.exporter.fluentforward;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.tls.TlsClientSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code fluentforward} exporter's options, named as the community's proposed Collector component names
 * them ({@code endpoint.tcp_addr}, {@code connection_timeout}, {@code tls}, {@code shared_key},
 * {@code require_ack}, {@code tag}, {@code compress_gzip}, {@code default_labels_enabled}) plus the delivery
 * engine's {@code sending_queue}, {@code retry_on_failure} and {@code timeout}. meltgate adds
 * {@code endpoints} (more servers, balanced with failover as Fluentd's {@code out_forward} does),
 * {@code username} / {@code password} (user authentication in the handshake), {@code self_hostname} and
 * {@code recover_wait}, and {@code max_connections_per_endpoint} (kept-alive connections per server at most, opened as
 * concurrent sends need them; past it, messages are pipelined). {@code tls} is the Collector's {@code configtls} client section; its {@code insecure}
 * defaults to true here (plain TCP), as in the proposed exporter.
 */
public record FluentForwardExporterSettings(
        Endpoint endpoint,
        List<Endpoint> endpoints,
        Duration connectionTimeout,
        TlsClientSettings tls,
        String sharedKey,
        String username,
        String password,
        String selfHostname,
        boolean requireAck,
        String tag,
        boolean compressGzip,
        Map<String, Boolean> defaultLabelsEnabled,
        Duration recoverWait,
        int maxConnectionsPerEndpoint,
        QueueSettings sendingQueue,
        RetrySettings retryOnFailure,
        Duration timeout) implements ComponentSettings {

    /**
     * One Fluentd server. {@code weight} and {@code standby} are {@code out_forward}'s: active servers share the
     * load in proportion to their weight; standby servers are used only while every active one is down.
     */
    public record Endpoint(String tcpAddr, boolean validateTcpResolution, int weight, boolean standby)
            implements ComponentSettings {

        public static Endpoint defaults() {
            return new Endpoint("", false, 60, false);
        }

        @Override
        public List<String> validate() {
            List<String> problems = new ArrayList<>();
            if (tcpAddr == null || tcpAddr.isBlank()) {
                problems.add("tcp_addr is required (host:port)");
                return problems;
            }
            HostPort hp;
            try {
                hp = HostPort.parse(tcpAddr);
            } catch (IllegalArgumentException e) {
                problems.add("tcp_addr " + e.getMessage());
                return problems;
            }
            if (validateTcpResolution) {
                try {
                    InetAddress.getByName(hp.host());
                } catch (UnknownHostException e) {
                    problems.add("tcp_addr '" + tcpAddr + "' does not resolve (validate_tcp_resolution is on)");
                }
            }
            if (weight <= 0) {
                problems.add("weight must be positive, got " + weight);
            }
            return problems;
        }
    }

    /** A parsed {@code host:port}; IPv6 hosts in brackets ({@code [::1]:24224}). */
    public record HostPort(String host, int port) {
        public static HostPort parse(String addr) {
            int colon = addr.lastIndexOf(':');
            if (colon <= 0 || colon == addr.length() - 1) {
                throw new IllegalArgumentException("'" + addr + "' must be host:port");
            }
            String host = addr.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(addr.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + addr + "' has no numeric port");
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("'" + addr + "' has port out of range");
            }
            return new HostPort(host, port);
        }

        @Override
        public String toString() {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    /** Every endpoint, the {@code endpoint} first then {@code endpoints}, skipping an empty {@code endpoint}. */
    public List<Endpoint> allEndpoints() {
        List<Endpoint> all = new ArrayList<>();
        if (endpoint != null && !isBlank(endpoint.tcpAddr())) {
            all.add(endpoint);
        }
        if (endpoints != null) {
            all.addAll(endpoints);
        }
        return all;
    }

    /** Whether the record key {@code label} (one of {@link RecordKeys#DEFAULT_LABELS}) is written. */
    public boolean labelEnabled(String label) {
        return defaultLabelsEnabled == null || defaultLabelsEnabled.getOrDefault(label, Boolean.TRUE);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (allEndpoints().isEmpty()) {
            problems.add("endpoint.tcp_addr is required");
        }
        if (endpoints != null) {
            for (Endpoint e : endpoints) {
                if (e == null || isBlank(e.tcpAddr())) {
                    problems.add("endpoints: every entry needs a tcp_addr");
                }
            }
        }
        if (connectionTimeout == null || connectionTimeout.isNegative()) {
            problems.add("connection_timeout must not be negative");
        }
        if (tag == null || tag.isEmpty()) {
            problems.add("tag must not be empty");
        }
        if (!isBlank(username) && isBlank(sharedKey)) {
            problems.add("username/password need shared_key: user authentication is part of the shared key handshake");
        }
        if (defaultLabelsEnabled != null) {
            for (String label : defaultLabelsEnabled.keySet()) {
                if (!RecordKeys.DEFAULT_LABELS.contains(label)) {
                    problems.add("default_labels_enabled: unknown label '" + label + "', known labels are "
                            + RecordKeys.DEFAULT_LABELS);
                }
            }
        }
        if (maxConnectionsPerEndpoint < 1 || maxConnectionsPerEndpoint > 64) {
            problems.add("max_connections_per_endpoint must be between 1 and 64, got " + maxConnectionsPerEndpoint);
        }
        if (recoverWait == null || recoverWait.isNegative()) {
            problems.add("recover_wait must not be negative");
        }
        if (timeout == null || timeout.isNegative()) {
            problems.add("timeout must not be negative");
        }
        return problems;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
