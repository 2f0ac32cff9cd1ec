package io.meltgate.receiver.otlp;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.tls.TlsServerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code protocols.http}: the Collector's {@code confighttp.ServerConfig} options with the otlp receiver's
 * defaults (endpoint {@code localhost:4318}, paths {@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs},
 * {@code max_request_body_size} 20 MiB, which also bounds the body after decompression).
 */
public record OtlpHttpSettings(String endpoint,
                               TlsServerSettings tls,
                               Cors cors,
                               long maxRequestBodySize,
                               boolean includeMetadata,
                               Map<String, String> responseHeaders,
                               Duration readHeaderTimeout,
                               Duration idleTimeout,
                               String tracesUrlPath,
                               String metricsUrlPath,
                               String logsUrlPath) implements ComponentSettings {

    public static final String DEFAULT_ENDPOINT = "localhost:4318";
    public static final long DEFAULT_MAX_REQUEST_BODY_SIZE = 20L * 1024 * 1024;

    public static OtlpHttpSettings defaults() {
        return new OtlpHttpSettings(DEFAULT_ENDPOINT, null, null, DEFAULT_MAX_REQUEST_BODY_SIZE, false, Map.of(),
                Duration.ofMinutes(1), Duration.ofMinutes(1), "/v1/traces", "/v1/metrics", "/v1/logs");
    }

    /** {@code cors}: origins may hold one {@code *} wildcard each ({@code https://*.example.com}); {@code max_age} in seconds. */
    public record Cors(List<String> allowedOrigins, List<String> allowedHeaders, int maxAge) {
        public static Cors defaults() {
            return new Cors(List.of(), List.of(), 0);
        }

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
            allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
        }
    }

    public OtlpHttpSettings {
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
        readHeaderTimeout = readHeaderTimeout == null ? Duration.ZERO : readHeaderTimeout;
        idleTimeout = idleTimeout == null ? Duration.ZERO : idleTimeout;
        tracesUrlPath = normalizePath(tracesUrlPath, "/v1/traces");
        metricsUrlPath = normalizePath(metricsUrlPath, "/v1/metrics");
        logsUrlPath = normalizePath(logsUrlPath, "/v1/logs");
    }

    /** As the Collector does: an empty path keeps the default, a missing leading slash is added. */
    private static String normalizePath(String path, String fallback) {
        if (path == null || path.isBlank()) {
            return fallback;
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        Endpoints.check("endpoint", endpoint, problems);
        if (maxRequestBodySize < 0 || maxRequestBodySize > Integer.MAX_VALUE - 8) {
            problems.add("max_request_body_size must be between 0 (the default, 20 MiB) and 2 GiB, got " + maxRequestBodySize);
        }
        if (readHeaderTimeout.isNegative() || idleTimeout.isNegative()) {
            problems.add("read_header_timeout and idle_timeout must not be negative");
        }
        if (List.of(tracesUrlPath, metricsUrlPath, logsUrlPath).stream().distinct().count() < 3) {
            problems.add("traces_url_path, metrics_url_path and logs_url_path must differ");
        }
        return problems;
    }

    /** The body limit in bytes; 0 means the default, as in the Collector. */
    public int maxRequestBodyBytes() {
        return (int) (maxRequestBodySize <= 0 ? DEFAULT_MAX_REQUEST_BODY_SIZE : maxRequestBodySize);
    }
}
