package io.meltgate.receiver.otlp;

import io.meltgate.core.component.ComponentSettings;
import io.meltgate.core.tls.TlsServerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code protocols.grpc}: the Collector's {@code configgrpc.ServerConfig} options with the otlp receiver's
 * defaults (endpoint {@code localhost:4317}, {@code max_recv_msg_size_mib} 4, {@code read_buffer_size}
 * 512 KiB). {@code read_buffer_size}/{@code write_buffer_size} size the socket buffers; 0 leaves the OS default.
 */
public record OtlpGrpcSettings(String endpoint,
                               String transport,
                               TlsServerSettings tls,
                               int maxRecvMsgSizeMib,
                               int maxConcurrentStreams,
                               int readBufferSize,
                               int writeBufferSize,
                               Keepalive keepalive,
                               boolean includeMetadata) implements ComponentSettings {

    public static final String DEFAULT_ENDPOINT = "localhost:4317";
    public static final int DEFAULT_MAX_RECV_MSG_SIZE_MIB = 4;
    public static final int DEFAULT_READ_BUFFER_SIZE = 512 * 1024;

    public static OtlpGrpcSettings defaults() {
        return new OtlpGrpcSettings(DEFAULT_ENDPOINT, "tcp", null, DEFAULT_MAX_RECV_MSG_SIZE_MIB, 0,
                DEFAULT_READ_BUFFER_SIZE, 0, null, false);
    }

    /** {@code keepalive}: {@code server_parameters} and {@code enforcement_policy}, as grpc-go names them. */
    public record Keepalive(ServerParameters serverParameters, EnforcementPolicy enforcementPolicy) {
        public static Keepalive defaults() {
            return new Keepalive(null, null);
        }
    }

    /** Durations of 0 keep gRPC's defaults (no idle or age limit; pings every 2h, 20s timeout). */
    public record ServerParameters(Duration maxConnectionIdle,
                                   Duration maxConnectionAge,
                                   Duration maxConnectionAgeGrace,
                                   Duration time,
                                   Duration timeout) {
        public static ServerParameters defaults() {
            return new ServerParameters(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
    }

    /** How often clients may ping (0 keeps gRPC's 5 minutes) and whether they may ping without calls. */
    public record EnforcementPolicy(Duration minTime, boolean permitWithoutStream) {
        public static EnforcementPolicy defaults() {
            return new EnforcementPolicy(Duration.ZERO, false);
        }
    }

    /** The size limit of one request message in bytes. */
    public int maxRecvMsgSizeBytes() {
        return (maxRecvMsgSizeMib <= 0 ? DEFAULT_MAX_RECV_MSG_SIZE_MIB : maxRecvMsgSizeMib) * 1024 * 1024;
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        Endpoints.check("endpoint", endpoint, problems);
        if (transport != null && !transport.isBlank() && !transport.equals("tcp") && !transport.equals("tcp4")
                && !transport.equals("tcp6")) {
            problems.add("transport \"" + transport + "\" is not supported (tcp, tcp4, tcp6)");
        }
        if (maxRecvMsgSizeMib < 0 || maxRecvMsgSizeMib > 2047) {
            problems.add("max_recv_msg_size_mib must be between 0 and 2047, got " + maxRecvMsgSizeMib);
        }
        if (maxConcurrentStreams < 0) {
            problems.add("max_concurrent_streams must not be negative");
        }
        if (readBufferSize < 0 || writeBufferSize < 0) {
            problems.add("read_buffer_size and write_buffer_size must not be negative");
        }
        if (keepalive != null) {
            ServerParameters sp = keepalive.serverParameters();
            if (sp != null) {
                for (Duration d : new Duration[] {sp.maxConnectionIdle(), sp.maxConnectionAge(),
                    sp.maxConnectionAgeGrace(), sp.time(), sp.timeout()}) {
                    if (d != null && d.isNegative()) {
                        problems.add("keepalive.server_parameters durations must not be negative");
                        break;
                    }
                }
            }
            EnforcementPolicy ep = keepalive.enforcementPolicy();
            if (ep != null && ep.minTime() != null && ep.minTime().isNegative()) {
                problems.add("keepalive.enforcement_policy.min_time must not be negative");
            }
        }
        return problems;
    }
}
