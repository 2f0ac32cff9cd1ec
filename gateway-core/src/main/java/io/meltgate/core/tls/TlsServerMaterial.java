package io.meltgate.core.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a TLS server is built from, loaded once from {@link TlsServerSettings}: the key managers holding the
 * server's certificate and key, the trust managers for client certificates (mutual TLS only), the allowed
 * protocol versions and cipher suites.
 *
 * <p>Each transport turns this into its own engine: the OTLP/HTTP receiver into an (unshaded) Netty
 * {@code SslContext}, the OTLP/gRPC receiver into grpc-netty-shaded's {@code SslContext} (the two Netty
 * copies have different classes, but both take JDK key and trust manager factories), anything on the JDK
 * into {@link #sslContext()}. Loading everything here keeps PEM parsing and version rules in one place.
 */
public final class TlsServerMaterial {

    private final KeyManagerFactory keyManagers;
    private final TrustManagerFactory clientTrust;
    private final String[] protocols;
    private final List<String> cipherSuites;

    private TlsServerMaterial(KeyManagerFactory keyManagers, TrustManagerFactory clientTrust, String[] protocols,
                              List<String> cipherSuites) {
        this.keyManagers = keyManagers;
        this.clientTrust = clientTrust;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    /**
     * Reads the certificate, key and client CA the settings name.
     *
     * @throws GeneralSecurityException if a file is missing, unreadable or holds no usable PEM, with the option named
     */
    public static TlsServerMaterial load(TlsServerSettings settings) throws GeneralSecurityException {
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new GeneralSecurityException(String.join("; ", problems));
        }
        String certPem = pem(settings.certFile(), settings.certPem(), "tls.cert_file");
        String keyPem = pem(settings.keyFile(), settings.keyPem(), "tls.key_file");
        List<X509Certificate> chain = TlsServerPem.certificates(certPem, "tls.cert_file");
        PrivateKey key = TlsServerPem.privateKey(keyPem, "tls.key_file");

        char[] password = new char[0];
        KeyStore keyStore = emptyKeyStore();
        keyStore.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);

        TrustManagerFactory tmf = null;
        if (settings.requiresClientCertificate()) {
            KeyStore trust = emptyKeyStore();
            int i = 0;
            for (X509Certificate ca : TlsServerPem.certificates(pem(settings.clientCaFile(), null, "tls.client_ca_file"),
                    "tls.client_ca_file")) {
                trust.setCertificateEntry("client-ca-" + i++, ca);
            }
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
        }
        return new TlsServerMaterial(kmf, tmf,
                TlsServerVersions.protocols(settings.minVersion(), settings.maxVersion()), settings.cipherSuites());
    }

    public KeyManagerFactory keyManagers() {
        return keyManagers;
    }

    /** The trust managers that verify client certificates; null unless mutual TLS is on. */
    public TrustManagerFactory clientTrust() {
        return clientTrust;
    }

    public boolean requiresClientCertificate() {
        return clientTrust != null;
    }

    /** JDK protocol names ({@code TLSv1.2}, {@code TLSv1.3}) from {@code min_version} to {@code max_version}. */
    public String[] protocols() {
        return protocols.clone();
    }

    /** IANA cipher suite names; empty means the TLS library's defaults. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** A JDK SSLContext over the same material, for servers built on the JDK. */
    public SSLContext sslContext() throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keyManagers.getKeyManagers(), clientTrust == null ? null : clientTrust.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return ks;
    }

    private static String pem(String file, String inline, String option) throws GeneralSecurityException {
        if (inline != null && !inline.isBlank()) {
            return inline;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException(option + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
