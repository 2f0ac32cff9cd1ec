package io.meltgate.exporter.grpcclient;

import io.grpc.ClientInterceptor;
import io.grpc.CompressorRegistry;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Channel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.MetadataUtils;
import io.meltgate.core.tls.TlsClientContext;
import io.meltgate.core.tls.TlsClientSettings;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client channel built from {@link GrpcClientSettings}: endpoint, TLS (or plaintext), keepalive,
 * load-balancing policy, and the configured headers attached to every call as metadata (so API keys such as
 * {@code x-honeycomb-team} travel). Compression is applied per call by the senders
 * ({@link #compressor()}).
 */
public final class GrpcClientChannel implements AutoCloseable {

    private final ManagedChannel managed;
    private final Channel channel;
    private final String compressor;

    private GrpcClientChannel(ManagedChannel managed, Channel channel, String compressor) {
        this.managed = managed;
        this.channel = channel;
        this.compressor = compressor;
    }

    public static GrpcClientChannel open(GrpcClientSettings s) throws Exception {
        GrpcEndpoint endpoint = GrpcEndpoint.parse(s.endpoint());
        NettyChannelBuilder b = NettyChannelBuilder.forTarget(endpoint.target());
        TlsClientSettings tls = s.tls() == null ? TlsClientSettings.defaults() : s.tls();
        if (endpoint.plaintextByScheme() || tls.insecure()) {
            b.negotiationType(NegotiationType.PLAINTEXT);
        } else {
            TlsClientContext ctx = TlsClientContext.from(tls);
            SslContextBuilder ssl = GrpcSslContexts.forClient()
                    .trustManager(ctx.trustManagers()[0])
                    .protocols(ctx.protocols());
            if (ctx.keyManagers() != null) {
                ssl.keyManager(ctx.keyManagers()[0]);
            }
            b.sslContext(ssl.build());
            if (ctx.serverNameOverride() != null) {
                b.overrideAuthority(ctx.serverNameOverride());
            }
        }
        if (s.authority() != null && !s.authority().isBlank()) {
            b.overrideAuthority(s.authority());
        }
        String balancer = s.balancerName() == null || s.balancerName().isBlank() ? "round_robin" : s.balancerName();
        b.defaultLoadBalancingPolicy(balancer);
        KeepaliveSettings ka = s.keepalive();
        if (ka != null && ka.time() != null && !ka.time().isZero()) {
            b.keepAliveTime(ka.time().toNanos(), TimeUnit.NANOSECONDS);
            if (ka.timeout() != null && !ka.timeout().isZero()) {
                b.keepAliveTimeout(ka.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }
            b.keepAliveWithoutCalls(ka.permitWithoutStream());
        }
        CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
        compressors.register(FastGzipCodec.INSTANCE);
        b.compressorRegistry(compressors);
        // Batches can be large; the server decides what it takes, so do not cap inbound answers needlessly.
        b.maxInboundMessageSize(64 * 1024 * 1024);
        ManagedChannel managed = b.build();
        Channel channel = managed;
        if (s.headers() != null && !s.headers().isEmpty()) {
            Metadata md = new Metadata();
            for (Map.Entry<String, String> h : s.headers().entrySet()) {
                md.put(Metadata.Key.of(h.getKey().toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER),
                        h.getValue());
            }
            ClientInterceptor attach = MetadataUtils.newAttachHeadersInterceptor(md);
            channel = ClientInterceptors.intercept(managed, attach);
        }
        String c = s.compression();
        String compressor = c == null || c.isEmpty() || c.equals("none") ? null : c;
        return new GrpcClientChannel(managed, channel, compressor);
    }

    /** The channel to make calls on (headers attached). */
    public Channel channel() {
        return channel;
    }

    /** The gRPC compressor name for calls ({@code gzip}), or null for none. */
    public String compressor() {
        return compressor;
    }

    @Override
    public void close() {
        managed.shutdown();
        try {
            if (!managed.awaitTermination(5, TimeUnit.SECONDS)) {
                managed.shutdownNow();
            }
        } catch (InterruptedException e) {
            managed.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
