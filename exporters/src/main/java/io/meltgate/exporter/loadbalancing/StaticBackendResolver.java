package io.meltgate.exporter.loadbalancing;

import java.util.List;
import java.util.function.Consumer;

/** {@code resolver.static}: a fixed list of backends. */
final class StaticBackendResolver implements BackendResolver {

    private final List<String> endpoints;

    StaticBackendResolver(List<String> hostnames) {
        this.endpoints = hostnames.stream().map(h -> BackendResolver.withPort(h, "4317")).distinct().sorted().toList();
    }

    @Override
    public void start(Consumer<List<String>> onChange) {
        onChange.accept(endpoints);
    }

    @Override
    public void shutdown() {
    }
}
