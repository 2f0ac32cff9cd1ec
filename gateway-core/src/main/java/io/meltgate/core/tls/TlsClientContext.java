package io.meltgate.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The client side of TLS built from {@link TlsClientSettings} with the JDK only: trust managers (the
 * {@code ca_file}, the JVM default, or trust-all for {@code insecure_skip_verify}), key managers for
 * mutual TLS, and the protocol versions allowed. Exporters hand these to their transport: an
 * {@link SSLContext} for the JDK's HTTP client, the managers and protocols for Netty's {@code SslContextBuilder}.
 */
public final class TlsClientContext {

    private static final String[] ALL_VERSIONS = {"1.0", "1.1", "1.2", "1.3"};

    private final TrustManager[] trustManagers;
    private final KeyManager[] keyManagers;
    private final List<String> protocols;
    private final String serverNameOverride;

    private TlsClientContext(TrustManager[] trustManagers, KeyManager[] keyManagers, List<String> protocols,
                             String serverNameOverride) {
        this.trustManagers = trustManagers;
        this.keyManagers = keyManagers;
        this.protocols = protocols;
        this.serverNameOverride = serverNameOverride;
    }

    /** Reads the files the settings name; throws with the file's name when one is missing or malformed. */
    public static TlsClientContext from(TlsClientSettings s) throws GeneralSecurityException, IOException {
        TrustManager[] trust;
        if (s.insecureSkipVerify()) {
            trust = new TrustManager[] {new TrustingEverything()};
        } else {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(TlsClientSettings.isBlank(s.caFile()) ? null : trustStore(Path.of(s.caFile())));
            trust = tmf.getTrustManagers();
        }
        KeyManager[] keys = null;
        if (!TlsClientSettings.isBlank(s.certFile())) {
            keys = keyManagers(Path.of(s.certFile()), Path.of(s.keyFile()));
        }
        return new TlsClientContext(trust, keys, protocols(s.minVersion(), s.maxVersion()),
                TlsClientSettings.isBlank(s.serverNameOverride()) ? null : s.serverNameOverride());
    }

    public TrustManager[] trustManagers() {
        return trustManagers.clone();
    }

    /** Null when there is no client certificate. */
    public KeyManager[] keyManagers() {
        return keyManagers == null ? null : keyManagers.clone();
    }

    /** The JSSE protocol names allowed: {@code TLSv1.2}, {@code TLSv1.3}, ... */
    public List<String> protocols() {
        return protocols;
    }

    /** {@code server_name_override}, or null. */
    public String serverNameOverride() {
        return serverNameOverride;
    }

    /** A ready {@link SSLContext} (for clients that take one, such as {@link java.net.http.HttpClient}). */
    public SSLContext sslContext() throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keyManagers, trustManagers, null);
        return ctx;
    }

    static List<String> protocols(String min, String max) {
        int lo = TlsClientSettings.isBlank(min) ? 2 : List.of(ALL_VERSIONS).indexOf(min);
        int hi = TlsClientSettings.isBlank(max) ? ALL_VERSIONS.length - 1 : List.of(ALL_VERSIONS).indexOf(max);
        List<String> out = new ArrayList<>();
        for (int i = hi; i >= lo; i--) {
            out.add("TLSv" + ALL_VERSIONS[i]);
        }
        return List.copyOf(out);
    }

    private static KeyStore trustStore(Path caFile) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certificates(caFile)) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        if (i == 0) {
            throw new GeneralSecurityException("ca_file " + caFile + " holds no PEM certificate");
        }
        return ks;
    }

    private static KeyManager[] keyManagers(Path certFile, Path keyFile) throws GeneralSecurityException, IOException {
        List<Certificate> chain = certificates(certFile);
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("cert_file " + certFile + " holds no PEM certificate");
        }
        PrivateKey key = privateKey(keyFile);
        char[] password = new char[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        return kmf.getKeyManagers();
    }

    private static List<Certificate> certificates(Path file) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    /** A PEM private key: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
    static PrivateKey privateKey(Path file) throws GeneralSecurityException, IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] pkcs8;
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            pkcs8 = pemBody(pem, "PRIVATE KEY");
        } else if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            pkcs8 = rsaPkcs1ToPkcs8(pemBody(pem, "RSA PRIVATE KEY"));
        } else {
            throw new GeneralSecurityException("key_file " + file + " holds no PKCS#8 or PKCS#1 RSA PEM key "
                    + "(convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
        }
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new GeneralSecurityException("key_file " + file + ": unsupported key algorithm");
    }

    private static byte[] pemBody(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----") + ("-----BEGIN " + label + "-----").length();
        int end = pem.indexOf("-----END " + label + "-----", start);
        return Base64.getMimeDecoder().decode(pem.substring(start, end));
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (DER), which the JDK's KeyFactory reads. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        byte[] len;
        if (content.length < 128) {
            len = new byte[] {(byte) content.length};
        } else {
            byte[] n = BigInteger.valueOf(content.length).toByteArray();
            int skip = n[0] == 0 ? 1 : 0;
            len = new byte[n.length - skip + 1];
            len[0] = (byte) (0x80 | (n.length - skip));
            System.arraycopy(n, skip, len, 1, n.length - skip);
        }
        byte[] out = new byte[1 + len.length + content.length];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, content.length);
        return out;
    }

    /** {@code insecure_skip_verify}: accepts any server certificate. Encrypts, but proves nothing. */
    private static final class TrustingEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
