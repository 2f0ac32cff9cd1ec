package io.meltgate.exporter.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests, written as PEM files into a directory: a CA, a server certificate for
 * 127.0.0.1 and {@code localhost}, and a client certificate, each with its PKCS#8 key.
 */
public final class TestCertificates {

    public final Path caCert;
    public final Path serverCert;
    public final Path serverKey;
    public final Path clientCert;
    public final Path clientKey;

    public TestCertificates(Path dir) throws Exception {
        // EC keys: generated in milliseconds, where RSA keys take seconds on a busy machine.
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        KeyPair ca = gen.generateKeyPair();
        X500Name caName = new X500Name("CN=meltgate test CA");
        X509Certificate caCertificate = sign(caName, ca, caName, ca, true, null);
        KeyPair server = gen.generateKeyPair();
        X509Certificate serverCertificate = sign(new X500Name("CN=localhost"), server, caName, ca, false,
                new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        KeyPair client = gen.generateKeyPair();
        X509Certificate clientCertificate = sign(new X500Name("CN=meltgate client"), client, caName, ca, false, null);
        caCert = write(dir.resolve("ca.pem"), caCertificate);
        serverCert = write(dir.resolve("server.pem"), serverCertificate);
        serverKey = write(dir.resolve("server-key.pem"), server.getPrivate());
        clientCert = write(dir.resolve("client.pem"), clientCertificate);
        clientKey = write(dir.resolve("client-key.pem"), client.getPrivate());
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        boolean isCa, GeneralNames altNames) throws Exception {
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now),
                new Date(now - 60_000), new Date(now + 86_400_000L), subject, subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (altNames != null) {
            b.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    /** Writes a certificate as PEM, or a private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    private static Path write(Path file, Object pemObject) throws IOException {
        StringWriter out = new StringWriter();
        if (pemObject instanceof java.security.PrivateKey key) {
            out.write("-----BEGIN PRIVATE KEY-----\n");
            out.write(java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded()));
            out.write("\n-----END PRIVATE KEY-----\n");
        } else {
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(pemObject);
            }
        }
        Files.writeString(file, out.toString());
        return file;
    }
}
