package io.meltgate.exporter.otlphttp;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.tls.TlsClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code otlphttp} exporter's options, with the Collector's names and defaults (see
 * {@link OtlpHttpExporterFactory}). {@code endpoint} is the base URL that {@code /v1/traces},
 * {@code /v1/metrics} and {@code /v1/logs} are appended to; a per-signal endpoint is used as it is.
 */
public record OtlpHttpExporterSettings(String endpoint, String tracesEndpoint, String metricsEndpoint,
                                       String logsEndpoint, String encoding, String compression,
                                       Map<String, String> headers, TlsClientSettings tls, Duration timeout,
                                       QueueSettings sendingQueue, RetrySettings retryOnFailure)
        implements ComponentSettings {

    /** Headers the JDK's HTTP client sets itself and refuses to take from us. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** Where one signal goes: its own endpoint, else the base endpoint plus {@code /v1/<signal>}. */
    public URI uriFor(Signal signal) {
        String own = switch (signal) {
            case TRACES -> tracesEndpoint;
            case METRICS -> metricsEndpoint;
            case LOGS -> logsEndpoint;
        };
        if (own != null && !own.isBlank()) {
            return URI.create(own.trim());
        }
        String base = endpoint.trim();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/v1/" + signal.yamlName());
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        boolean base = endpoint != null && !endpoint.isBlank();
        for (Signal s : Signal.values()) {
            String own = switch (s) {
                case TRACES -> tracesEndpoint;
                case METRICS -> metricsEndpoint;
                case LOGS -> logsEndpoint;
            };
            boolean hasOwn = own != null && !own.isBlank();
            if (!base && !hasOwn) {
                continue;
            }
            String key = hasOwn ? s.yamlName() + "_endpoint" : "endpoint";
            try {
                URI u = uriFor(s);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                    problems.add(key + " must be an http:// or https:// URL with a host, got '" + u + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + " is not a valid URL: " + e.getMessage());
            }
        }
        if (!base && (isBlank(tracesEndpoint) || isBlank(metricsEndpoint) || isBlank(logsEndpoint))) {
            problems.add("endpoint is required unless traces_endpoint, metrics_endpoint and logs_endpoint are all set");
        }
        if (!List.of("proto", "json").contains(encoding)) {
            problems.add("encoding must be proto or json, got '" + encoding + "'");
        }
        if (compression != null && !List.of("", "none", "gzip").contains(compression)) {
            problems.add("compression must be gzip or none, got '" + compression + "'");
        }
        if (headers != null) {
            for (String h : headers.keySet()) {
                if (RESTRICTED.contains(h.toLowerCase(Locale.ROOT))) {
                    problems.add("headers: '" + h + "' is set by the HTTP client itself and cannot be configured");
                }
            }
        }
        if (timeout == null || timeout.isNegative()) {
            problems.add("timeout must not be negative");
        }
        return problems;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
