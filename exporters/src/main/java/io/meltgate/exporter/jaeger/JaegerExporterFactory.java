package io.meltgate.exporter.jaeger;

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
 * {@code jaeger}: traces to a Jaeger collector over its gRPC api_v2 ({@code CollectorService.PostSpans},
 * port 14250), for Jaeger versions that do not take OTLP. Jaeger 1.35 and later take OTLP on 4317: use the
 * {@code otlp} exporter for those. Defaults: {@code localhost:14250}, TLS on as in the Collector
 * ({@code tls.insecure: false}), no compression, {@code round_robin}, timeout 5s, exporterhelper queue
 * and retry defaults.
 */
public final class JaegerExporterFactory implements ExporterFactory<JaegerExporterSettings> {

    @Override
    public String type() {
        return "jaeger";
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.of(Signal.TRACES);
    }

    @Override
    public Class<JaegerExporterSettings> settingsType() {
        return JaegerExporterSettings.class;
    }

    @Override
    public JaegerExporterSettings defaultSettings() {
        return new JaegerExporterSettings("localhost:14250", TlsClientSettings.defaults(), Map.of(), "none", null,
                "round_robin", null, Duration.ofSeconds(5), QueueSettings.defaults(), RetrySettings.defaults());
    }

    @Override
    public Exporter create(ComponentContext context, JaegerExporterSettings settings, Set<Signal> signals) {
        return QueuedExporter.builder(context, new JaegerSender(settings.client()))
                .queue(settings.sendingQueue())
                .retry(settings.retryOnFailure())
                .timeout(settings.timeout())
                .signals(EnumSet.of(Signal.TRACES))
                .build();
    }
}
