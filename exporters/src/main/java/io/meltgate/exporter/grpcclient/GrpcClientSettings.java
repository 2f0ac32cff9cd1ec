package io.meltgate.exporter.grpcclient;

import io.meltgate.core.tls.TlsClientSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connection options every gRPC exporter shares (the Collector's configgrpc client), as one value the
 * exporters' settings records hand to {@link GrpcClientChannel}.
 */
public record GrpcClientSettings(String endpoint, TlsClientSettings tls, Map<String, String> headers,
                                 String compression, KeepaliveSettings keepalive, String balancerName,
                                 String authority) {

    /**
     * Every problem with these options, each naming its key (the nested {@code tls} and {@code keepalive}
     * records are validated by the config binder on their own).
     */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (endpoint == null || endpoint.isBlank()) {
            problems.add("endpoint is required (host:port, or an http:// or https:// URL)");
        } else {
            try {
                GrpcEndpoint.parse(endpoint);
            } catch (IllegalArgumentException e) {
                problems.add("endpoint: " + e.getMessage());
            }
        }
        if (compression != null && !List.of("", "none", "gzip").contains(compression)) {
            problems.add("compression must be gzip or none, got '" + compression + "'");
        }
        if (balancerName != null && !List.of("", "pick_first", "round_robin").contains(balancerName)) {
            problems.add("balancer_name must be pick_first or round_robin, got '" + balancerName + "'");
        }
        return problems;
    }
}
