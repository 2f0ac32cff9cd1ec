package io.meltgate.receiver.otlp;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
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

/** A throw-away CA, a server certificate for 127.0.0.1/localhost and a client certificate, made by the test. */
final class TestCertificates {

    record Issued(KeyPair keys, X509Certificate certificate) {
    }

    final Issued ca;
    final Issued server;
    final Issued client;
    final Issued stranger;

    TestCertificates() throws Exception {
        ca = issue("CN=meltgate test CA", null, true, ec());
        server = issue("CN=localhost", ca, false, ec());
        client = issue("CN=sidecar", ca, false, rsa());
        stranger = issue("CN=stranger", issue("CN=other CA", null, true, ec()), false, ec());
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static Issued issue(String subject, Issued issuer, boolean isCa, KeyPair keys) throws Exception {
        long now = System.currentTimeMillis();
        X500Name name = new X500Name(subject);
        X500Name issuerName = issuer == null ? name : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(now ^ subject.hashCode()),
                new Date(now - 60_000), new Date(now + 3_600_000), name, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
        String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(signer)));
        return new Issued(keys, cert);
    }

    static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }

    /** The key as PKCS#8 ({@code PRIVATE KEY}), the form the OpenTelemetry SDK reads. */
    static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** An EC key as SEC1 {@code EC PRIVATE KEY} with its named curve, as {@code openssl ecparam -genkey} writes it. */
    static String sec1(PrivateKey key) throws IOException {
        java.security.interfaces.ECPrivateKey ec = (java.security.interfaces.ECPrivateKey) key;
        byte[] der = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS(),
                org.bouncycastle.asn1.x9.X9ObjectIdentifiers.prime256v1).getEncoded("DER");
        return "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END EC PRIVATE KEY-----\n";
    }

    static Path write(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }
}
