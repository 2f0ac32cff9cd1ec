package io.meltgate.exporter.loadbalancing;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.component.YamlKey;
import io.meltgate.exporter.otlp.OtlpExporterSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the {@code loadbalancing} exporter, with the Collector's names and defaults (see
 * {@link LoadBalancingFactory#defaultSettings()}).
 *
 * @param routingKey traceID (default for traces and logs), service (default for metrics), resource, metric, streamID
 * @param protocol how each backend is reached: {@code otlp} takes every option of the {@code otlp} exporter
 *                 (its {@code endpoint} is replaced by each backend's)
 * @param resolver where the backends come from: {@code static} or {@code dns}
 */
public record LoadBalancingSettings(String routingKey, Protocol protocol, Resolver resolver) implements ComponentSettings {

    /** {@code protocol}: {@code otlp}. */
    public record Protocol(OtlpExporterSettings otlp) {
    }

    /** {@code resolver}: exactly one of {@code static} and {@code dns}. */
    public record Resolver(@YamlKey("static") StaticResolver staticResolver, DnsResolver dns) {
    }

    /** {@code resolver.static.hostnames}: {@code host} or {@code host:port} (port 4317 when absent). */
    public record StaticResolver(List<String> hostnames) {
    }

    /** {@code resolver.dns}: every A/AAAA record of {@code hostname}, on {@code port}, re-resolved every {@code interval}. */
    public record DnsResolver(String hostname, int port, Duration interval, Duration timeout) {
        public static DnsResolver defaults() {
            return new DnsResolver("", 4317, Duration.ofSeconds(5), Duration.ofSeconds(1));
        }
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (routingKey != null && !routingKey.isEmpty()) {
            try {
                RoutingKey.of(routingKey, null);
            } catch (IllegalArgumentException e) {
                problems.add("routing_key: unknown value \"" + routingKey
                        + "\", expected traceID, service, resource, metric or streamID");
            }
        }
        if (protocol == null || protocol.otlp() == null) {
            problems.add("protocol.otlp: required");
        }
        boolean hasStatic = resolver != null && resolver.staticResolver() != null;
        boolean hasDns = resolver != null && resolver.dns() != null;
        if (hasStatic == hasDns) {
            problems.add("resolver: exactly one of static and dns must be set");
        }
        if (hasStatic && (resolver.staticResolver().hostnames() == null || resolver.staticResolver().hostnames().isEmpty())) {
            problems.add("resolver.static.hostnames: at least one hostname is required");
        }
        if (hasDns) {
            DnsResolver d = resolver.dns();
            if (d.hostname() == null || d.hostname().isBlank()) {
                problems.add("resolver.dns.hostname: required");
            }
            if (d.port() < 1 || d.port() > 65535) {
                problems.add("resolver.dns.port: must be 1..65535, got " + d.port());
            }
            if (d.interval() == null || d.interval().isNegative() || d.interval().isZero()) {
                problems.add("resolver.dns.interval: must be greater than zero");
            }
            if (d.timeout() == null || d.timeout().isNegative() || d.timeout().isZero()) {
                problems.add("resolver.dns.timeout: must be greater than zero");
            }
        }
        return problems;
    }
}
