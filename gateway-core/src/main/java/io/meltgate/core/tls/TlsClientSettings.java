package io.meltgate.core.tls;

import io.meltgate.core.component.ComponentSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * An exporter's {@code tls} section, with the Collector's configtls client names and defaults.
 *
 * <ul>
 *   <li>{@code insecure} (false): for gRPC, send in plaintext (no TLS at all). An {@code http://} endpoint
 *       means the same.</li>
 *   <li>{@code ca_file}: PEM certificates to trust instead of the JVM's default trust store.</li>
 *   <li>{@code cert_file}, {@code key_file}: the client certificate (PEM chain) and its key (PEM, PKCS#8 or
 *       PKCS#1 RSA) for mutual TLS; both or neither.</li>
 *   <li>{@code insecure_skip_verify} (false): TLS without checking the server's certificate (tests only).</li>
 *   <li>{@code server_name_override}: the name to check the server's certificate against (and send as
 *       authority), instead of the endpoint's host.</li>
 *   <li>{@code min_version} ("1.2"), {@code max_version} (""= the newest the JVM has): "1.0" to "1.3".</li>
 * </ul>
 */
public record TlsClientSettings(boolean insecure, String caFile, String certFile, String keyFile,
                                boolean insecureSkipVerify, String serverNameOverride, String minVersion,
                                String maxVersion) implements ComponentSettings {

    private static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3");

    public static TlsClientSettings defaults() {
        return new TlsClientSettings(false, null, null, null, false, null, "1.2", null);
    }

    /** Plaintext: what tests and in-cluster hops without TLS use. */
    public static TlsClientSettings plaintext() {
        return new TlsClientSettings(true, null, null, null, false, null, "1.2", null);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (isBlank(certFile) != isBlank(keyFile)) {
            problems.add("cert_file and key_file must be given together");
        }
        if (!isBlank(minVersion) && !VERSIONS.contains(minVersion)) {
            problems.add("min_version must be one of " + VERSIONS + ", got '" + minVersion + "'");
        }
        if (!isBlank(maxVersion) && !VERSIONS.contains(maxVersion)) {
            problems.add("max_version must be one of " + VERSIONS + ", got '" + maxVersion + "'");
        }
        if (!isBlank(minVersion) && !isBlank(maxVersion) && VERSIONS.indexOf(minVersion) > VERSIONS.indexOf(maxVersion)) {
            problems.add("min_version must not be above max_version");
        }
        return problems;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
