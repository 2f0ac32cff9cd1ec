package io.meltgate.receiver.otlp.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.telemetry.ReceiverMetrics;
import io.meltgate.core.tls.TlsServerMaterial;
import io.meltgate.receiver.otlp.Endpoints;
import io.meltgate.receiver.otlp.OtlpGrpcSettings;
import io.meltgate.receiver.otlp.OtlpIngest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC on grpc-netty-shaded, configured from {@code protocols.grpc}. Registers the Export service of
 * each signal some pipeline takes; a client of another signal gets {@code UNIMPLEMENTED}, as from the
 * Collector. Requests larger than {@code max_recv_msg_size_mib} get {@code RESOURCE_EXHAUSTED} from gRPC
 * itself; gzip-compressed requests are decompressed by gRPC. Calls run on the transport threads (the ingest
 * path never blocks).
 */
public final class OtlpGrpcServer {

    private final OtlpGrpcSettings settings;
    private final OtlpIngest ingest;
    private final ReceiverMetrics metrics;
    private Server server;

    public OtlpGrpcServer(OtlpGrpcSettings settings, OtlpIngest ingest, ReceiverMetrics metrics) {
        this.settings = settings;
        this.ingest = ingest;
        this.metrics = metrics;
    }

    public void start() throws IOException, GeneralSecurityException {
        NettyServerBuilder b = NettyServerBuilder.forAddress(Endpoints.parse(settings.endpoint()))
                .directExecutor()
                .maxInboundMessageSize(settings.maxRecvMsgSizeBytes())
                .intercept(new GrpcRequestMetadata(settings.includeMetadata()));
        if (settings.maxConcurrentStreams() > 0) {
            b.maxConcurrentCallsPerConnection(settings.maxConcurrentStreams());
        }
        if (settings.readBufferSize() > 0) {
            b.withChildOption(ChannelOption.SO_RCVBUF, settings.readBufferSize());
        }
        if (settings.writeBufferSize() > 0) {
            b.withChildOption(ChannelOption.SO_SNDBUF, settings.writeBufferSize());
        }
        keepalive(b);
        if (settings.tls() != null) {
            TlsServerMaterial tls = TlsServerMaterial.load(settings.tls());
            SslContextBuilder ssl = GrpcSslContexts.configure(SslContextBuilder.forServer(tls.keyManagers()))
                    .protocols(tls.protocols());
            if (!tls.cipherSuites().isEmpty()) {
                ssl.ciphers(tls.cipherSuites());
            }
            if (tls.requiresClientCertificate()) {
                ssl.trustManager(tls.clientTrust()).clientAuth(ClientAuth.REQUIRE);
            }
            b.sslContext(ssl.build());
        }
        if (ingest.serves(Signal.TRACES)) {
            b.addService(new GrpcExportServices.Traces(ingest, metrics));
        }
        if (ingest.serves(Signal.METRICS)) {
            b.addService(new GrpcExportServices.Metrics(ingest, metrics));
        }
        if (ingest.serves(Signal.LOGS)) {
            b.addService(new GrpcExportServices.Logs(ingest, metrics));
        }
        server = b.build().start();
    }

    private void keepalive(NettyServerBuilder b) {
        OtlpGrpcSettings.Keepalive k = settings.keepalive();
        if (k == null) {
            return;
        }
        OtlpGrpcSettings.ServerParameters sp = k.serverParameters();
        if (sp != null) {
            if (positive(sp.maxConnectionIdle())) {
                b.maxConnectionIdle(sp.maxConnectionIdle().toNanos(), TimeUnit.NANOSECONDS);
            }
            if (positive(sp.maxConnectionAge())) {
                b.maxConnectionAge(sp.maxConnectionAge().toNanos(), TimeUnit.NANOSECONDS);
            }
            if (positive(sp.maxConnectionAgeGrace())) {
                b.maxConnectionAgeGrace(sp.maxConnectionAgeGrace().toNanos(), TimeUnit.NANOSECONDS);
            }
            if (positive(sp.time())) {
                b.keepAliveTime(sp.time().toNanos(), TimeUnit.NANOSECONDS);
            }
            if (positive(sp.timeout())) {
                b.keepAliveTimeout(sp.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        OtlpGrpcSettings.EnforcementPolicy ep = k.enforcementPolicy();
        if (ep != null) {
            if (positive(ep.minTime())) {
                b.permitKeepAliveTime(ep.minTime().toNanos(), TimeUnit.NANOSECONDS);
            }
            b.permitKeepAliveWithoutCalls(ep.permitWithoutStream());
        }
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isZero() && !d.isNegative();
    }

    /** The bound address (the real port when the endpoint said 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /** Stops accepting calls, lets the calls in progress finish within the timeout, then closes the port. */
    public void shutdown(Duration timeout) {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }
}
