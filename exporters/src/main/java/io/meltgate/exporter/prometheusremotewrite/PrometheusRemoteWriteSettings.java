package io.meltgate.exporter.prometheusremotewrite;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.tls.TlsClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code prometheusremotewrite} exporter's section, with the Collector's option names and defaults
 * (defaults in {@link PrometheusRemoteWriteFactory#defaultSettings()}).
 *
 * @param endpoint the remote write URL ({@code http://prometheus:9090/api/v1/write}); required
 * @param headers extra request headers; the four the protocol sets cannot be replaced
 * @param tls client TLS for {@code https} endpoints (gateway-core's {@code configtls} client options)
 * @param compression only {@code snappy} (the protocol's) is allowed; empty means snappy
 * @param timeout time allowed for one send (all requests of one batch)
 * @param retryOnFailure {@code retry_on_failure}, the Collector's exporterhelper back-off
 * @param namespace prefix of every metric name
 * @param remoteWriteQueue {@code remote_write_queue}: the sending queue and request parallelism
 * @param externalLabels labels added to every series (when it has no label of that name)
 * @param maxBatchSizeBytes uncompressed size limit of one request; larger batches are split
 * @param maxBatchRequestParallelism requests of one split batch sent at once; null means
 *        {@code remote_write_queue.num_consumers}
 * @param resourceToTelemetryConversion resource attributes as labels on every series
 * @param targetInfo the {@code target_info} series
 * @param disableScopeInfo leave out the {@code otel_scope_*} labels
 * @param addMetricSuffixes unit and type suffixes ({@code _seconds}, {@code _total}, {@code _ratio})
 * @param translationStrategy the newer spelling of {@code add_metric_suffixes}; wins when set
 * @param sendMetadata send {@code MetricMetadata} (type, help, unit) with the series
 * @param protobufMessage the remote write message; only {@code prometheus.WriteRequest} (1.0) is supported
 * @param exportCreatedMetric {@code _created} series for counters, histograms and summaries
 * @param includeMetadataKeys request metadata (headers kept by the receiver) forwarded as HTTP headers
 * @param wal the Collector's write-ahead log; not supported (use a persistent sending queue); must be absent
 */
public record PrometheusRemoteWriteSettings(
        String endpoint,
        Map<String, String> headers,
        TlsClientSettings tls,
        String compression,
        Duration timeout,
        RetrySettings retryOnFailure,
        String namespace,
        RemoteWriteQueueSettings remoteWriteQueue,
        Map<String, String> externalLabels,
        int maxBatchSizeBytes,
        Integer maxBatchRequestParallelism,
        ResourceToTelemetrySettings resourceToTelemetryConversion,
        TargetInfoSettings targetInfo,
        boolean disableScopeInfo,
        boolean addMetricSuffixes,
        String translationStrategy,
        boolean sendMetadata,
        String protobufMessage,
        CreatedMetricSettings exportCreatedMetric,
        List<String> includeMetadataKeys,
        WalSettings wal) implements ComponentSettings {

    static final String WRITE_REQUEST_V1 = "prometheus.WriteRequest";
    static final Set<String> PROTOCOL_HEADERS =
            Set.of("content-encoding", "content-type", "user-agent", "x-prometheus-remote-write-version");

    /** {@code remote_write_queue}. */
    public record RemoteWriteQueueSettings(boolean enabled, int queueSize, int numConsumers) implements ComponentSettings {
        public static RemoteWriteQueueSettings defaults() {
            return new RemoteWriteQueueSettings(true, 10_000, 5);
        }

        @Override
        public List<String> validate() {
            List<String> problems = new ArrayList<>();
            if (queueSize < 0) {
                problems.add("remote_write_queue.queue_size can't be negative");
            }
            if (enabled && queueSize == 0) {
                problems.add("remote_write_queue.queue_size of 0 would drop all the data");
            }
            if (numConsumers < 0) {
                problems.add("remote_write_queue.num_consumers can't be negative");
            }
            return problems;
        }
    }

    /** {@code resource_to_telemetry_conversion}. */
    public record ResourceToTelemetrySettings(boolean enabled, boolean excludeServiceAttributes) implements ComponentSettings {
        public static ResourceToTelemetrySettings defaults() {
            return new ResourceToTelemetrySettings(false, false);
        }
    }

    /** {@code target_info}. */
    public record TargetInfoSettings(boolean enabled) implements ComponentSettings {
        public static TargetInfoSettings defaults() {
            return new TargetInfoSettings(true);
        }
    }

    /** {@code export_created_metric}. */
    public record CreatedMetricSettings(boolean enabled) implements ComponentSettings {
        public static CreatedMetricSettings defaults() {
            return new CreatedMetricSettings(false);
        }
    }

    /** {@code wal}: accepted by the Collector; meltgate rejects it rather than ignore it silently. */
    public record WalSettings(String directory, int bufferSize, Duration truncateFrequency, Duration lagRecordFrequency)
            implements ComponentSettings {
    }

    /** Whether names get unit and type suffixes: {@code translation_strategy} when set, else {@code add_metric_suffixes}. */
    boolean suffixesEnabled() {
        if (translationStrategy != null && !translationStrategy.isEmpty()) {
            return translationStrategy.equals("UnderscoreEscapingWithSuffixes");
        }
        return addMetricSuffixes;
    }

    /** Requests of one batch in flight at once. */
    int requestParallelism() {
        if (maxBatchRequestParallelism != null) {
            return maxBatchRequestParallelism;
        }
        return remoteWriteQueue == null ? 5 : Math.max(1, remoteWriteQueue.numConsumers());
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (endpoint == null || endpoint.isBlank()) {
            problems.add("endpoint must be set (the remote write URL, e.g. http://prometheus:9090/api/v1/write)");
        } else {
            try {
                URI uri = URI.create(endpoint);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    problems.add("endpoint must be an http:// or https:// URL, got '" + endpoint + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add("endpoint is not a valid URL: " + e.getMessage());
            }
        }
        if (compression != null && !compression.isEmpty() && !compression.equals("snappy")) {
            problems.add("compression type must be snappy");
        }
        if (timeout == null || timeout.isNegative()) {
            problems.add("timeout must not be negative");
        }
        if (maxBatchSizeBytes < 0) {
            problems.add("max_batch_size_bytes must be greater than 0");
        }
        if (maxBatchRequestParallelism != null && maxBatchRequestParallelism < 1) {
            problems.add("max_batch_request_parallelism can't be set to below 1");
        }
        if (translationStrategy != null && !translationStrategy.isEmpty()) {
            switch (translationStrategy) {
                case "UnderscoreEscapingWithSuffixes", "UnderscoreEscapingWithoutSuffixes" -> { }
                case "NoUTF8EscapingWithSuffixes", "NoTranslation" -> problems.add("translation_strategy "
                        + translationStrategy + " requires Prometheus Remote Write 2.0 (UTF-8 support), which is not supported");
                default -> problems.add("invalid translation_strategy: " + translationStrategy);
            }
        }
        if (protobufMessage != null && !protobufMessage.isEmpty() && !protobufMessage.equals(WRITE_REQUEST_V1)) {
            problems.add("protobuf_message: only " + WRITE_REQUEST_V1 + " (remote write 1.0) is supported, got '"
                    + protobufMessage + "'");
        }
        if (includeMetadataKeys != null) {
            for (String key : includeMetadataKeys) {
                if (PROTOCOL_HEADERS.contains(key.toLowerCase(Locale.ROOT))) {
                    problems.add("include_metadata_keys entry \"" + key + "\" collides with a reserved remote write header");
                }
            }
        }
        if (wal != null) {
            problems.add("wal is not supported by meltgate; to keep data across restarts use the persistent sending "
                    + "queue of the delivery engine instead");
        }
        return problems;
    }
}
