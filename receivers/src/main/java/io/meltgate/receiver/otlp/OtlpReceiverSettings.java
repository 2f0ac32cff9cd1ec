package io.meltgate.receiver.otlp;

import io.meltgate.core.component.ComponentSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code otlp} receiver's options, as the Collector's: {@code protocols.grpc} and {@code protocols.http}.
 * A protocol is on when its key is present, even empty ({@code grpc:}), and then starts from its defaults
 * ({@link OtlpGrpcSettings#defaults()}, {@link OtlpHttpSettings#defaults()}); at least one must be on.
 */
public record OtlpReceiverSettings(Protocols protocols) implements ComponentSettings {

    /** Both protocols absent: the binder fills the one a YAML key names. */
    public record Protocols(OtlpGrpcSettings grpc, OtlpHttpSettings http) {

        public static Protocols defaults() {
            return new Protocols(null, null);
        }
    }

    public OtlpReceiverSettings {
        protocols = protocols == null ? Protocols.defaults() : protocols;
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (protocols.grpc() == null && protocols.http() == null) {
            problems.add("must specify at least one protocol when using the OTLP receiver (protocols.grpc or protocols.http)");
        }
        return problems;
    }
}
