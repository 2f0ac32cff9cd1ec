package io.meltgate.receiver.otlp;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.ListeningComponent;
import io.meltgate.core.component.Receiver;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.telemetry.ReceiverMetrics;
import io.meltgate.receiver.otlp.grpc.OtlpGrpcServer;
import io.meltgate.receiver.otlp.http.OtlpHttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code otlp} receiver: OTLP over gRPC and/or HTTP, whichever {@code protocols} lists, both feeding the
 * same next consumers through one {@link OtlpIngest}. Self-metrics are counted per transport
 * ({@code transport="grpc"} / {@code "http"}), as the Collector's.
 */
public final class OtlpReceiver implements Receiver, ListeningComponent {

    /** How long a shutdown waits for requests in progress to be answered. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final OtlpGrpcServer grpc;
    private final OtlpHttpServer http;

    public OtlpReceiver(ComponentContext context, OtlpReceiverSettings settings, Map<Signal, BatchConsumer> next) {
        OtlpIngest ingest = new OtlpIngest(next, context.health());
        OtlpReceiverSettings.Protocols p = settings.protocols();
        this.grpc = p.grpc() == null ? null
                : new OtlpGrpcServer(p.grpc(), ingest, new ReceiverMetrics(context, "grpc"));
        this.http = p.http() == null ? null
                : new OtlpHttpServer(p.http(), ingest, new ReceiverMetrics(context, "http"));
    }

    @Override
    public void start() throws Exception {
        try {
            if (grpc != null) {
                grpc.start();
            }
            if (http != null) {
                http.start();
            }
        } catch (Exception e) {
            shutdown();
            throw e;
        }
    }

    /** Stops accepting on both transports, lets requests in progress finish, and releases the ports. */
    @Override
    public void shutdown() {
        if (http != null) {
            http.shutdown(SHUTDOWN_GRACE);
        }
        if (grpc != null) {
            grpc.shutdown(SHUTDOWN_GRACE);
        }
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>(2);
        if (grpc != null) {
            out.add(new Endpoint("grpc", grpc.address()));
        }
        if (http != null) {
            out.add(new Endpoint("http", http.address()));
        }
        return out;
    }
}
