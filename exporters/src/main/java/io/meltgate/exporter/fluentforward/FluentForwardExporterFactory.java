package io.meltgate.exporter.fluentforward;

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
 * {@code fluentforward}: sends logs (and events) to Fluentd, Fluent Bit or another meltgate over the Forward
 * protocol. Defaults are the community's proposed Collector exporter's ({@code endpoint.tcp_addr}
 * {@code localhost:24224}, {@code connection_timeout} 30s, {@code tls.insecure} true, {@code tag} "tag") and the
 * exporter helper's.
 */
public final class FluentForwardExporterFactory implements ExporterFactory<FluentForwardExporterSettings> {

    public static final String TYPE = "fluentforward";
    /**
     * As many as the queue's default consumers: connections open only as concurrent sends need them, so each
     * send can have an idle one (a large message then never waits behind another: with 2 shared connections,
     * 8192-record messages went at half the rate); beyond it, sends are pipelined on the least busy.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT = 10;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.LOGS);
    }

    @Override
    public Class<FluentForwardExporterSettings> settingsType() {
        return FluentForwardExporterSettings.class;
    }

    @Override
    public FluentForwardExporterSettings defaultSettings() {
        return new FluentForwardExporterSettings(
                new FluentForwardExporterSettings.Endpoint("localhost:24224", false, 60, false),
                List.of(),
                Duration.ofSeconds(30),
                TlsClientSettings.plaintext(),
                "", "", "", "",
                false,
                "tag",
                false,
                Map.of(),
                Duration.ofSeconds(10),
                DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT,
                QueueSettings.defaults(),
                RetrySettings.defaults(),
                Duration.ofSeconds(5));
    }

    @Override
    public Exporter create(ComponentContext context, FluentForwardExporterSettings settings, Set<Signal> signals) {
        return QueuedExporter.builder(context, new FluentForwardSender(settings))
                .queue(settings.sendingQueue())
                .retry(settings.retryOnFailure())
                .timeout(settings.timeout())
                .build();
    }
}
