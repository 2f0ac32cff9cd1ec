package io.meltgate.exporter.loadbalancing;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.component.ExporterFactory;
import io.meltgate.core.signal.Signal;
import io.meltgate.exporter.otlp.OtlpExporterFactory;
import io.meltgate.exporter.otlp.OtlpExporterSettings;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * Makes {@code loadbalancing} exporters: one {@code otlp} exporter per backend, built through the otlp exporter's
 * own factory with {@code protocol.otlp} and the backend's endpoint. The Collector's defaults live here.
 */
public final class LoadBalancingFactory implements ExporterFactory<LoadBalancingSettings> {

    public static final String TYPE = "loadbalancing";
    private final OtlpExporterFactory otlp = new OtlpExporterFactory();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<Signal> signals() {
        return EnumSet.allOf(Signal.class);
    }

    @Override
    public Class<LoadBalancingSettings> settingsType() {
        return LoadBalancingSettings.class;
    }

    @Override
    public LoadBalancingSettings defaultSettings() {
        OtlpExporterSettings o = otlp.defaultSettings();
        // As the Collector: the otlp endpoint is a placeholder, replaced by each backend's.
        o = withEndpoint(o, "placeholder:4317");
        return new LoadBalancingSettings("", new LoadBalancingSettings.Protocol(o), null);
    }

    static OtlpExporterSettings withEndpoint(OtlpExporterSettings o, String endpoint) {
        return new OtlpExporterSettings(endpoint, o.tls(), o.headers(), o.compression(), o.keepalive(),
                o.balancerName(), o.authority(), o.timeout(), o.sendingQueue(), o.retryOnFailure());
    }

    @Override
    public Exporter create(ComponentContext context, LoadBalancingSettings settings, Set<Signal> signals) {
        OtlpExporterSettings template = settings.protocol().otlp();
        return create(context, settings, signals,
                endpoint -> otlp.create(context, withEndpoint(template, endpoint), signals), InetAddress::getAllByName);
    }

    /** With the backend exporters and the DNS lookup given (tests use this to watch the backends). */
    static LoadBalancingExporter create(ComponentContext context, LoadBalancingSettings settings, Set<Signal> signals,
                                        LoadBalancingExporter.BackendFactory backends,
                                        DnsBackendResolver.Lookup lookup) {
        LoadBalancingExporter[] self = new LoadBalancingExporter[1];
        BackendResolver resolver = settings.resolver().staticResolver() != null
                ? new StaticBackendResolver(settings.resolver().staticResolver().hostnames())
                : new DnsBackendResolver(settings.resolver().dns(), lookup, () -> self[0].resolutionCounter().run());
        self[0] = new LoadBalancingExporter(context, settings.routingKey(), signals, resolver, backends);
        return self[0];
    }
}
