package io.meltgate.exporter.prometheusremotewrite;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.component.ExporterFactory;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.QueuedExporter;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.tls.TlsClientSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code prometheusremotewrite}: OTLP metrics to a Prometheus remote write 1.0 endpoint (Prometheus, Mimir,
 * Cortex, Thanos receive, VictoriaMetrics), as the OpenTelemetry Collector's exporter of the same name.
 */
public final class PrometheusRemoteWriteFactory implements ExporterFactory<PrometheusRemoteWriteSettings> {

    public static final String TYPE = "prometheusremotewrite";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.METRICS);
    }

    @Override
    public Class<PrometheusRemoteWriteSettings> settingsType() {
        return PrometheusRemoteWriteSettings.class;
    }

    /** The Collector's defaults; its retry back-off starts at 50ms instead of exporterhelper's 5s. */
    @Override
    public PrometheusRemoteWriteSettings defaultSettings() {
        return new PrometheusRemoteWriteSettings(
                "", Map.of(), TlsClientSettings.defaults(), "", Duration.ofSeconds(5),
                new RetrySettings(true, Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMinutes(5), 1.5, 0.5),
                "", PrometheusRemoteWriteSettings.RemoteWriteQueueSettings.defaults(), Map.of(), 3_000_000, null,
                PrometheusRemoteWriteSettings.ResourceToTelemetrySettings.defaults(),
                PrometheusRemoteWriteSettings.TargetInfoSettings.defaults(), false, true, "", false,
                PrometheusRemoteWriteSettings.WRITE_REQUEST_V1,
                PrometheusRemoteWriteSettings.CreatedMetricSettings.defaults(), List.of(), null);
    }

    @Override
    public Exporter create(ComponentContext context, PrometheusRemoteWriteSettings settings, Set<Signal> signals) {
        return QueuedExporter.builder(context, new RemoteWriteSender(settings, context))
                .queue(queueSettings(settings.remoteWriteQueue()))
                .retry(settings.retryOnFailure())
                .timeout(settings.timeout())
                .signals(signals)
                .build();
    }

    /**
     * {@code remote_write_queue} on the engine's queue. One consumer, as in the Collector: Prometheus rejects
     * samples older than the newest it holds for a series, so batches must leave in the order they came;
     * {@code num_consumers} instead bounds how many requests of one (split) batch are sent at once.
     */
    static QueueSettings queueSettings(PrometheusRemoteWriteSettings.RemoteWriteQueueSettings q) {
        QueueSettings d = QueueSettings.defaults();
        return new QueueSettings(q.enabled(), 1, q.enabled() ? q.queueSize() : d.queueSize(), false,
                "requests", null, null, false);
    }
}
