package io.meltgate.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.tls.TlsServerMaterial;
import io.meltgate.core.tls.TlsServerSettings;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and mutual TLS on both transports with certificates the test makes: the SDK's exporters send over TLS;
 * with {@code client_ca_file} a client without a certificate, or with one from another CA, is turned away
 * while one signed by the CA gets through; {@code min_version} 1.3 turns away a TLS 1.2-only client.
 */
class OtlpReceiverTlsTest {

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static List<SpanData> spans;
    private static byte[] caPem;
    private static Path serverCert;
    private static Path serverKey;
    private static Path caFile;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates();
        spans = SdkTelemetry.spans(3);
        caPem = TestCertificates.pem(certs.ca.certificate()).getBytes(StandardCharsets.US_ASCII);
        serverCert = TestCertificates.write(dir, "server.crt", TestCertificates.pem(certs.server.certificate()));
        // SEC1 "EC PRIVATE KEY", as openssl ecparam writes it.
        serverKey = TestCertificates.write(dir, "server.key", TestCertificates.sec1(certs.server.keys().getPrivate()));
        caFile = TestCertificates.write(dir, "ca.crt", new String(caPem, StandardCharsets.US_ASCII));
    }

    private static TlsServerSettings tls(String clientCa, String minVersion) {
        return new TlsServerSettings(null, null, false, serverCert.toString(), null, serverKey.toString(), null,
                minVersion, null, List.of(), List.of(), Duration.ZERO, clientCa, false);
    }

    private static ReceiverUnderTest gateway(TlsServerSettings tls) throws Exception {
        return ReceiverUnderTest.withPipelines(new OtlpReceiverSettings(new OtlpReceiverSettings.Protocols(
                ReceiverUnderTest.grpc(tls), ReceiverUnderTest.http(tls))));
    }

    private static SpanExporter grpcExporter(ReceiverUnderTest g, TestCertificates.Issued clientCert) throws Exception {
        var b = OtlpGrpcSpanExporter.builder().setEndpoint("https://127.0.0.1:" + g.grpcPort())
                .setTrustedCertificates(caPem).setTimeout(Duration.ofSeconds(5)).setRetryPolicy(null);
        if (clientCert != null) {
            b.setClientTls(TestCertificates.pkcs8(clientCert.keys().getPrivate()).getBytes(StandardCharsets.US_ASCII),
                    TestCertificates.pem(clientCert.certificate()).getBytes(StandardCharsets.US_ASCII));
        }
        return b.build();
    }

    private static SpanExporter httpExporter(ReceiverUnderTest g, TestCertificates.Issued clientCert) throws Exception {
        var b = OtlpHttpSpanExporter.builder().setEndpoint("https://127.0.0.1:" + g.httpPort() + "/v1/traces")
                .setTrustedCertificates(caPem).setTimeout(Duration.ofSeconds(5)).setRetryPolicy(null);
        if (clientCert != null) {
            b.setClientTls(TestCertificates.pkcs8(clientCert.keys().getPrivate()).getBytes(StandardCharsets.US_ASCII),
                    TestCertificates.pem(clientCert.certificate()).getBytes(StandardCharsets.US_ASCII));
        }
        return b.build();
    }

    private static boolean export(SpanExporter e) {
        try {
            return e.export(spans).join(10, TimeUnit.SECONDS).isSuccess();
        } finally {
            e.shutdown().join(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void sdkExportersSendOverTls() throws Exception {
        try (ReceiverUnderTest g = gateway(tls(null, null))) {
            assertTrue(export(grpcExporter(g, null)), "gRPC over TLS");
            assertTrue(export(httpExporter(g, null)), "HTTP over TLS");
            assertTrue(g.awaitItems(Signal.TRACES, 2L * spans.size()));
            assertEquals(SdkTelemetry.traceProto(spans),
                    ((io.meltgate.core.data.SpanBatch) g.batches(Signal.TRACES).get(0)).toRequest());
        }
    }

    @Test
    void mutualTlsAdmitsOnlyClientsWithACertificateFromTheClientCa() throws Exception {
        try (ReceiverUnderTest g = gateway(tls(caFile.toString(), null))) {
            assertFalse(export(grpcExporter(g, null)), "gRPC without a client certificate is refused");
            assertFalse(export(httpExporter(g, null)), "HTTP without a client certificate is refused");
            assertFalse(export(grpcExporter(g, certs.stranger)), "a certificate from another CA is refused");
            assertFalse(export(httpExporter(g, certs.stranger)), "a certificate from another CA is refused");
            assertEquals(0, g.out(Signal.TRACES).itemCount());
            assertTrue(export(grpcExporter(g, certs.client)), "gRPC with the client certificate");
            assertTrue(export(httpExporter(g, certs.client)), "HTTP with the client certificate");
            assertTrue(g.awaitItems(Signal.TRACES, 2L * spans.size()));
        }
    }

    @Test
    void minVersionTurnsAwayOlderProtocols() throws Exception {
        try (ReceiverUnderTest g = gateway(tls(null, "1.3"))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certs.ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            byte[] body = new OtlpFixtures(1).traceRequest(2).toByteArray();
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + g.httpPort() + "/v1/traces"))
                    .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .timeout(Duration.ofSeconds(5)).build();
            HttpClient tls12 = HttpClient.newBuilder().sslContext(ctx).sslParameters(new SSLParameters(null, new String[] {"TLSv1.2"}))
                    .version(HttpClient.Version.HTTP_1_1).build();
            assertThrows(java.io.IOException.class, () -> tls12.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            HttpClient tls13 = HttpClient.newBuilder().sslContext(ctx).sslParameters(new SSLParameters(null, new String[] {"TLSv1.3"}))
                    .version(HttpClient.Version.HTTP_1_1).build();
            assertEquals(200, tls13.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        }
    }

    @Test
    void keysAreReadInPkcs8Pkcs1AndSec1Forms() throws Exception {
        String rsaCert = TestCertificates.pem(certs.client.certificate());
        for (String key : List.of(TestCertificates.pkcs8(certs.client.keys().getPrivate()),
                TestCertificates.pem(certs.client.keys().getPrivate()))) { // PKCS#8, then PKCS#1 "RSA PRIVATE KEY"
            TlsServerSettings s = new TlsServerSettings(null, null, false, null, rsaCert, null, key, "1.2", "1.3",
                    List.of(), List.of(), Duration.ZERO, null, false);
            assertEquals(List.of(), s.validate());
            TlsServerMaterial m = TlsServerMaterial.load(s);
            assertTrue(m.keyManagers().getKeyManagers().length > 0);
            assertFalse(m.requiresClientCertificate());
            assertEquals(List.of("TLSv1.2", "TLSv1.3"), List.of(m.protocols()));
        }
        TlsServerSettings bad = new TlsServerSettings(null, null, false, null, null, null, null, "1.4", "1.2",
                List.of(), List.of(), Duration.ZERO, null, false);
        assertEquals(2, bad.validate().size(), "no certificate or key; 1.4 is no version: " + bad.validate());
    }
}
