package io.meltgate.exporter.prometheusremotewrite;

import io.meltgate.core.component.ComponentSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tls} of an HTTP client, the Collector's {@code configtls} client options this exporter supports. For
 * an {@code http://} endpoint no TLS is used whatever these say (as in the Collector); for {@code https://}
 * the JDK's trust store is used unless {@code ca_file} names a PEM bundle.
 *
 * @param insecure the Collector's gRPC option; accepted and ignored for HTTP (the URL scheme decides)
 * @param caFile PEM file of the CA certificates that sign the server's certificate
 * @param certFile PEM client certificate (chain), for mutual TLS; with {@code key_file}
 * @param keyFile PEM (PKCS#8, unencrypted) private key of the client certificate
 * @param insecureSkipVerify accept any server certificate and host name (testing only)
 * @param serverNameOverride not supported (the JDK client verifies against the URL's host); must be empty
 */
public record ClientTlsSettings(boolean insecure, String caFile, String certFile, String keyFile,
                                boolean insecureSkipVerify, String serverNameOverride) implements ComponentSettings {

    public static ClientTlsSettings defaults() {
        return new ClientTlsSettings(false, "", "", "", false, "");
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        checkReadable("tls.ca_file", caFile, problems);
        checkReadable("tls.cert_file", certFile, problems);
        checkReadable("tls.key_file", keyFile, problems);
        if (isSet(certFile) != isSet(keyFile)) {
            problems.add("tls.cert_file and tls.key_file must be set together");
        }
        if (isSet(serverNameOverride)) {
            problems.add("tls.server_name_override is not supported by this exporter");
        }
        return problems;
    }

    static boolean isSet(String s) {
        return s != null && !s.isEmpty();
    }

    private static void checkReadable(String option, String file, List<String> problems) {
        if (isSet(file) && !Files.isReadable(Path.of(file))) {
            problems.add(option + ": cannot read '" + file + "'");
        }
    }
}
