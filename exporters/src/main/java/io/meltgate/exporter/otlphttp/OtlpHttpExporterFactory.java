package io.meltgate.exporter.otlphttp;

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
 * {@code otlphttp}: sends OTLP over HTTP ({@code POST <endpoint>/v1/traces} ...), protobuf or JSON, gzip by
 * default, as the Collector's otlphttp exporter. Its {@code timeout} defaults to 30s, as the Collector's
 * HTTP client does.
 */
public final class OtlpHttpExporterFactory implements ExporterFactory<OtlpHttpExporterSettings> {

    @Override
    public String type() {
        return "otlphttp";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<OtlpHttpExporterSettings> settingsType() {
        return OtlpHttpExporterSettings.class;
    }

    @Override
    public OtlpHttpExporterSettings defaultSettings() {
        return new OtlpHttpExporterSettings(null, null, null, null, "proto", "gzip", Map.of(),
                TlsClientSettings.defaults(), Duration.ofSeconds(30), QueueSettings.defaults(), RetrySettings.defaults());
    }

    @Override
    public Exporter create(ComponentContext context, OtlpHttpExporterSettings settings, Set<Signal> signals) {
        return QueuedExporter.builder(context, new OtlpHttpSender(settings))
                .queue(settings.sendingQueue())
                .retry(settings.retryOnFailure())
                .timeout(settings.timeout())
                .signals(signals)
                .build();
    }
}
