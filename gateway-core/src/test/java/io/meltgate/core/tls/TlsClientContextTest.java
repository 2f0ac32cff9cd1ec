package io.meltgate.core.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsClientContextTest {

    @TempDir
    Path dir;

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Test
    void readsPkcs8AndPkcs1RsaKeys() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(1024);
        PrivateKey key = gen.generateKeyPair().getPrivate();
        byte[] pkcs8 = key.getEncoded();
        // The JDK's PKCS#8 encoding of an RSA key is a fixed 26-byte header around the PKCS#1 key.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        Path p8 = Files.writeString(dir.resolve("k8.pem"), pem("PRIVATE KEY", pkcs8));
        Path p1 = Files.writeString(dir.resolve("k1.pem"), pem("RSA PRIVATE KEY", pkcs1));
        assertArrayEquals(pkcs8, TlsClientContext.privateKey(p8).getEncoded());
        assertArrayEquals(pkcs8, TlsClientContext.privateKey(p1).getEncoded(), "PKCS#1 wrapped into the same PKCS#8");
    }

    @Test
    void readsEcKeysAndRejectsOthersWithTheFileName() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        PrivateKey key = gen.generateKeyPair().getPrivate();
        Path ec = Files.writeString(dir.resolve("ec.pem"), pem("PRIVATE KEY", key.getEncoded()));
        assertEquals("EC", TlsClientContext.privateKey(ec).getAlgorithm());
        Path bad = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> TlsClientContext.privateKey(bad));
        assertTrue(e.getMessage().contains("bad.pem"));
    }

    @Test
    void protocolsFollowMinAndMaxVersion() {
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), TlsClientContext.protocols("1.2", null));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), TlsClientContext.protocols("", ""));
        assertEquals(List.of("TLSv1.3"), TlsClientContext.protocols("1.3", null));
        assertEquals(List.of("TLSv1.2", "TLSv1.1"), TlsClientContext.protocols("1.1", "1.2"));
    }

    @Test
    void validationNamesEachBadOption() {
        TlsClientSettings bad = new TlsClientSettings(false, null, "cert.pem", null, false, null, "1.4", "1.0");
        List<String> problems = bad.validate();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("cert_file and key_file"));
        assertTrue(problems.get(1).startsWith("min_version"));
        assertEquals(List.of("min_version must not be above max_version"),
                new TlsClientSettings(false, null, null, null, false, null, "1.3", "1.2").validate());
        assertEquals(List.of(), TlsClientSettings.defaults().validate());
    }
}
