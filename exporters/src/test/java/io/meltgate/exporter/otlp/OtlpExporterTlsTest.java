package io.meltgate.exporter.otlp;

import static io.meltgate.exporter.testing.ExporterHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.RetrySettings;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.exporter.testing.ExporterHarness;
import io.meltgate.exporter.testing.TestCertificates;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The otlp exporter's {@code tls} options against a real TLS gRPC server that requires a client certificate. */
class OtlpExporterTlsTest {

    @TempDir
    static Path dir;

    private static TestCertificates certs;

    private final ExporterHarness h = new ExporterHarness();
    private final AtomicLong spans = new AtomicLong();
    private Server server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(dir);
    }

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(GrpcSslContexts.configure(SslContextBuilder
                        .forServer(certs.serverCert.toFile(), certs.serverKey.toFile())
                        .trustManager(certs.caCert.toFile())
                        .clientAuth(ClientAuth.REQUIRE)).build())
                .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                    @Override
                    public void export(ExportTraceServiceRequest r, StreamObserver<ExportTraceServiceResponse> out) {
                        spans.addAndGet(SpanBatch.countSpans(r.getResourceSpansList()));
                        out.onNext(ExportTraceServiceResponse.getDefaultInstance());
                        out.onCompleted();
                    }
                })
                .build().start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private Exporter exporter(String id, TlsClientSettings tls) throws Exception {
        OtlpExporterSettings d = new OtlpExporterFactory().defaultSettings();
        OtlpExporterSettings s = new OtlpExporterSettings("localhost:" + server.getPort(), tls, Map.of(), "gzip",
                null, "pick_first", null, Duration.ofSeconds(2), ExporterHarness.queue(1, 10, false),
                new RetrySettings(false, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO, 1, 0));
        assertEquals(java.util.List.of(), s.validate());
        assertEquals(java.util.List.of(), tls.validate());
        Exporter e = new OtlpExporterFactory().create(h.context(id), s, EnumSet.of(Signal.TRACES));
        e.start();
        return e;
    }

    private static SpanBatch batch() {
        return SpanBatch.of(new OtlpFixtures(9).traceRequest(3), RequestMetadata.EMPTY);
    }

    @Test
    void mutualTlsWithCaFileCertFileAndKeyFileDelivers() throws Exception {
        Exporter e = exporter("otlp/mtls", new TlsClientSettings(false, certs.caCert.toString(),
                certs.clientCert.toString(), certs.clientKey.toString(), false, null, "1.2", null));
        e.consume(batch());
        e.shutdown();
        assertEquals(3, spans.get());
        assertEquals(3, h.counter("otelcol_exporter_sent_spans", "otlp/mtls"));
    }

    @Test
    void insecureSkipVerifyStillEncryptsButDoesNotCheckTheServer() throws Exception {
        Exporter e = exporter("otlp/skip", new TlsClientSettings(false, null, certs.clientCert.toString(),
                certs.clientKey.toString(), true, null, "1.3", null));
        e.consume(batch());
        e.shutdown();
        assertEquals(3, spans.get());
    }

    @Test
    void aServerNotSignedByTheTrustedCaIsRefusedAndCounted() throws Exception {
        // The JVM's default trust store does not know our test CA.
        Exporter e = exporter("otlp/untrusted", new TlsClientSettings(false, null, certs.clientCert.toString(),
                certs.clientKey.toString(), false, null, "1.2", null));
        e.consume(batch());
        assertTrue(eventually(Duration.ofSeconds(10),
                () -> h.counter("otelcol_exporter_send_failed_spans", "otlp/untrusted") == 3));
        e.shutdown();
        assertEquals(0, spans.get());
    }

    @Test
    void plaintextAgainstATlsServerFails() throws Exception {
        Exporter e = exporter("otlp/plain", TlsClientSettings.plaintext());
        e.consume(batch());
        assertTrue(eventually(Duration.ofSeconds(10),
                () -> h.counter("otelcol_exporter_send_failed_spans", "otlp/plain") == 3));
        e.shutdown();
        assertEquals(0, spans.get());
    }
}
