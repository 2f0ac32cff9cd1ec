package io.meltgate.core.pipeline;

import io.meltgate.core.signal.Signal;

/** A pipeline's id as written under {@code service.pipelines}: {@code traces} or {@code traces/name}. */
public record PipelineId(Signal signal, String name) {

    public PipelineId {
        name = name == null ? "" : name;
    }

    /** Parses {@code signal} or {@code signal/name}; throws IllegalArgumentException naming the problem. */
    public static PipelineId parse(String id) {
        int slash = id.indexOf('/');
        String signalName = slash < 0 ? id : id.substring(0, slash);
        Signal signal = Signal.fromYamlName(signalName).orElseThrow(() -> new IllegalArgumentException(
                "unknown pipeline signal '" + signalName + "' in '" + id + "': expected traces, metrics or logs"));
        String name = slash < 0 ? "" : id.substring(slash + 1);
        if (slash >= 0 && name.isEmpty()) {
            throw new IllegalArgumentException("invalid pipeline id '" + id + "': empty name after '/'");
        }
        return new PipelineId(signal, name);
    }

    @Override
    public String toString() {
        return name.isEmpty() ? signal.yamlName() : signal.yamlName() + "/" + name;
    }
}
