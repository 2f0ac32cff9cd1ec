package io.meltgate.exporter.otlp;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.component.ExporterFactory;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.QueuedExporter;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.tls.TlsClientSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code otlp}: sends traces, metrics and logs over OTLP/gRPC to another meltgate, a Collector, Jaeger 1.35+,
 * or a vendor (Honeycomb, Grafana Cloud, ...). Defaults as the Collector's: TLS on ({@code tls.insecure:
 * false}), gzip, {@code round_robin}, timeout 5s, the exporterhelper queue and retry defaults.
 */
public final class OtlpExporterFactory implements ExporterFactory<OtlpExporterSettings> {

    @Override
    public String type() {
        return "otlp";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<OtlpExporterSettings> settingsType() {
        return OtlpExporterSettings.class;
    }

    @Override
    public OtlpExporterSettings defaultSettings() {
        return new OtlpExporterSettings(null, TlsClientSettings.defaults(), Map.of(), "gzip", null, "round_robin",
                null, Duration.ofSeconds(5), QueueSettings.defaults(), RetrySettings.defaults());
    }

    @Override
    public Exporter create(ComponentContext context, OtlpExporterSettings settings, Set<Signal> signals) {
        return QueuedExporter.builder(context, new OtlpGrpcSender(settings.client()))
                .queue(settings.sendingQueue())
                .retry(settings.retryOnFailure())
                .timeout(settings.timeout())
                .signals(signals)
                .build();
    }
}
