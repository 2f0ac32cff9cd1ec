package io.meltgate.core.health.check;

import io.meltgate.core.component.ComponentSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code health_check} extension's options, named as in the Collector: {@code endpoint} (default
 * {@code localhost:13133}), {@code path} (default {@code /}), {@code response_body} (fixed bodies for the
 * healthy and unhealthy answers instead of the JSON report) and {@code response_headers} (added to every
 * answer). {@code check_collector_pipeline} is accepted and ignored, exactly as the current Collector does.
 */
public record HealthCheckSettings(String endpoint, String path, ResponseBody responseBody,
                                  CheckCollectorPipeline checkCollectorPipeline, Map<String, String> responseHeaders)
        implements ComponentSettings {

    /** {@code response_body}: the bodies to send instead of the JSON report (empty keeps the report). */
    public record ResponseBody(String healthy, String unhealthy) {
    }

    /** {@code check_collector_pipeline}: legacy, accepted for compatibility, without effect (as in the Collector). */
    public record CheckCollectorPipeline(boolean enabled, Duration interval, int exporterFailureThreshold) {
        public static CheckCollectorPipeline defaults() {
            return new CheckCollectorPipeline(false, Duration.ofMinutes(5), 5);
        }
    }

    public static final String DEFAULT_ENDPOINT = "localhost:13133";

    public HealthCheckSettings {
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
    }

    public static HealthCheckSettings defaults() {
        return new HealthCheckSettings(DEFAULT_ENDPOINT, "/", null, null, Map.of());
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (endpoint == null || endpoint.isBlank()) {
            problems.add("endpoint must be specified (host:port)");
        } else {
            try {
                HealthCheckExtension.parseEndpoint(endpoint);
            } catch (IllegalArgumentException e) {
                problems.add("endpoint " + e.getMessage());
            }
        }
        if (path == null || !path.startsWith("/")) {
            problems.add("path must start with /, got '" + path + "'");
        }
        return problems;
    }
}
