package io.meltgate.receiver.otlp.http;

import io.meltgate.core.telemetry.ReceiverMetrics;
import io.meltgate.core.tls.TlsServerMaterial;
import io.meltgate.receiver.otlp.Endpoints;
import io.meltgate.receiver.otlp.OtlpHttpSettings;
import io.meltgate.receiver.otlp.OtlpIngest;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/HTTP on Netty's HTTP/1.1 codec with its own event loops, configured from {@code protocols.http}:
 * optional TLS, keep-alive connections closed after {@code idle_timeout} without traffic, bodies gathered up
 * to {@code max_request_body_size}, then {@link OtlpHttpHandler}.
 */
public final class OtlpHttpServer {

    private final OtlpHttpSettings settings;
    private final OtlpHttpHandler handler;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private final ChannelGroup connections = new DefaultChannelGroup("otlp-http", GlobalEventExecutor.INSTANCE);

    public OtlpHttpServer(OtlpHttpSettings settings, OtlpIngest ingest, ReceiverMetrics metrics) {
        this.settings = settings;
        this.handler = new OtlpHttpHandler(settings, ingest, metrics);
    }

    public void start() throws GeneralSecurityException, InterruptedException {
        SslContext ssl = settings.tls() == null ? null : sslContext(TlsServerMaterial.load(settings.tls()));
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        long idleNanos = settings.idleTimeout().toNanos();
        int limit = settings.maxRequestBodyBytes();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast("tls", ssl.newHandler(ch.alloc()));
                        }
                        if (idleNanos > 0) {
                            p.addLast("idle", new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS));
                            p.addLast("idle-close", new IdleCloser());
                        }
                        p.addLast("http", new HttpServerCodec());
                        p.addLast("body", new BodyLimitAggregator(limit));
                        p.addLast("otlp", handler);
                    }
                });
        try {
            serverChannel = b.bind(Endpoints.parse(settings.endpoint())).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownLoops(Duration.ZERO);
            throw e;
        }
    }

    private static SslContext sslContext(TlsServerMaterial tls) throws GeneralSecurityException {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(tls.keyManagers()).protocols(tls.protocols());
            if (!tls.cipherSuites().isEmpty()) {
                b.ciphers(tls.cipherSuites());
            }
            if (tls.requiresClientCertificate()) {
                b.trustManager(tls.clientTrust()).clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (javax.net.ssl.SSLException e) {
            throw new GeneralSecurityException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Closes the port first (no new connections), lets the event loops finish the requests they are
     * serving, then closes the remaining connections and the loops.
     */
    public void shutdown(Duration timeout) {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(timeout.toMillis());
        }
        shutdownLoops(timeout);
    }

    private void shutdownLoops(Duration timeout) {
        if (workers != null) {
            // Requests are served whole inside one event-loop task, so a task in progress completes and its
            // answer is written before the loop ends; a quiet period lets answers just queued flush.
            connections.close().awaitUninterruptibly(timeout.toMillis());
            workers.shutdownGracefully(50, Math.max(100, timeout.toMillis()), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(timeout.toMillis() + 1000);
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeout.toMillis() + 1000);
        }
    }

    /** Closes a keep-alive connection that stayed silent for {@code idle_timeout}. */
    private static final class IdleCloser extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }
    }
}
