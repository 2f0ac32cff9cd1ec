package io.meltgate.exporter.otlp;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.exporter.grpcclient.GrpcClientSettings;
import io.meltgate.exporter.grpcclient.KeepaliveSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code otlp} exporter's options, with the Collector's names and defaults (see {@link OtlpExporterFactory}
 * for the defaults and docs/exporters.md for each option).
 */
public record OtlpExporterSettings(String endpoint, TlsClientSettings tls, Map<String, String> headers,
                                   String compression, KeepaliveSettings keepalive, String balancerName,
                                   String authority, Duration timeout, QueueSettings sendingQueue,
                                   RetrySettings retryOnFailure) implements ComponentSettings {

    /** The connection options as the shared gRPC client takes them. */
    public GrpcClientSettings client() {
        return new GrpcClientSettings(endpoint, tls, headers, compression, keepalive, balancerName, authority);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>(client().validate());
        if (timeout == null || timeout.isNegative()) {
            problems.add("timeout must not be negative");
        }
        return problems;
    }
}
