package io.meltgate.exporter.jaeger;

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
 * The {@code jaeger} exporter's options: the gRPC client options of the Collector's former jaeger exporter
 * plus the exporterhelper's queue, retry and timeout (defaults in {@link JaegerExporterFactory}).
 */
public record JaegerExporterSettings(String endpoint, TlsClientSettings tls, Map<String, String> headers,
                                     String compression, KeepaliveSettings keepalive, String balancerName,
                                     String authority, Duration timeout, QueueSettings sendingQueue,
                                     RetrySettings retryOnFailure) implements ComponentSettings {

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
