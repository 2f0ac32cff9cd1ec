package io.meltgate.config.telemetry;

import io.meltgate.core.component.ComponentSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code service.telemetry.metrics}: {@code level} (none turns the endpoint off; basic, normal and detailed
 * all serve every meter meltgate has) and where the Prometheus endpoint listens, either in the current form
 * {@code readers: [{pull: {exporter: {prometheus: {host, port}}}}]} or in the older {@code address: host:port}.
 */
public record MetricsTelemetry(String level, String address, List<Reader> readers) implements ComponentSettings {

    static final Set<String> LEVELS = Set.of("none", "basic", "normal", "detailed");
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 8888;

    /** One metric reader; meltgate serves exactly one pull reader. */
    public record Reader(Pull pull) {
    }

    /** {@code pull}: a reader that is scraped. */
    public record Pull(PullExporter exporter) {
    }

    /** {@code pull.exporter}: meltgate speaks the Prometheus text format only. */
    public record PullExporter(Prometheus prometheus) {
    }

    /** {@code prometheus}: where the scrape endpoint listens. */
    public record Prometheus(String host, Integer port) {
    }

    public static MetricsTelemetry defaults() {
        return new MetricsTelemetry("normal", null, null);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (level == null || !LEVELS.contains(level)) {
            problems.add("level must be one of none, basic, normal, detailed; got '" + level + "'");
            return problems;
        }
        if (address != null && readers != null) {
            problems.add("address: set either the older 'address' or 'readers', not both");
        }
        if (readers != null) {
            if (readers.isEmpty() && !"none".equals(level)) {
                problems.add("readers: at least one reader is needed when level is not none");
            }
            if (readers.size() > 1) {
                problems.add("readers: meltgate serves one Prometheus pull reader; got " + readers.size());
            }
            for (Reader r : readers) {
                if (r == null || r.pull() == null || r.pull().exporter() == null || r.pull().exporter().prometheus() == null) {
                    problems.add("readers: each reader must be pull: {exporter: {prometheus: {host, port}}}");
                } else {
                    Integer port = r.pull().exporter().prometheus().port();
                    if (port != null && (port < 0 || port > 65535)) {
                        problems.add("readers: port must be between 0 and 65535, got " + port);
                    }
                }
            }
        }
        if (address != null) {
            try {
                HostPort.parse(address);
            } catch (IllegalArgumentException e) {
                problems.add("address: " + e.getMessage());
            }
        }
        return problems;
    }

    public boolean enabled() {
        return !"none".equals(level);
    }

    /** Where the endpoint listens: the reader's or the address's host and port, else localhost:8888. */
    public HostPort listenAddress() {
        if (address != null) {
            return HostPort.parse(address);
        }
        if (readers != null && !readers.isEmpty()) {
            Prometheus p = readers.get(0).pull().exporter().prometheus();
            return new HostPort(p.host() == null ? DEFAULT_HOST : p.host(), p.port() == null ? DEFAULT_PORT : p.port());
        }
        return new HostPort(DEFAULT_HOST, DEFAULT_PORT);
    }
}
