package io.meltgate.core.tls;

import io.meltgate.core.component.ComponentSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's TLS options, named and defaulted as the Collector's {@code configtls.ServerConfig}, so a
 * receiver's {@code tls:} section of a Collector config binds unchanged.
 *
 * <p>{@code cert_file}/{@code cert_pem} and {@code key_file}/{@code key_pem} give the server's certificate
 * chain and key (PEM; the key PKCS#8, PKCS#1 RSA or SEC1 EC). {@code client_ca_file} turns on mutual TLS:
 * every client must present a certificate signed by one of those CAs. {@code min_version} and
 * {@code max_version} take {@code "1.0"} to {@code "1.3"}; {@code cipher_suites} takes IANA names.
 * {@code ca_file}/{@code ca_pem} and {@code include_system_ca_certs_pool} are accepted as the Collector
 * accepts them, and, as there, do not affect a server (they verify servers a client talks to).
 * {@code reload_interval}, {@code client_ca_file_reload} and {@code curve_preferences} are accepted; certificates
 * are read once at start (see docs/otlp-receiver.md).
 */
public record TlsServerSettings(String caFile,
                                String caPem,
                                boolean includeSystemCaCertsPool,
                                String certFile,
                                String certPem,
                                String keyFile,
                                String keyPem,
                                String minVersion,
                                String maxVersion,
                                List<String> cipherSuites,
                                List<String> curvePreferences,
                                Duration reloadInterval,
                                String clientCaFile,
                                boolean clientCaFileReload) implements ComponentSettings {

    /** The Collector's default: TLS 1.2 and newer. */
    public static final String DEFAULT_MIN_VERSION = "1.2";

    /** What a present {@code tls:} key starts from. */
    public static TlsServerSettings defaults() {
        return new TlsServerSettings(null, null, false, null, null, null, null, DEFAULT_MIN_VERSION, null,
                List.of(), List.of(), Duration.ZERO, null, false);
    }

    public TlsServerSettings {
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
        curvePreferences = curvePreferences == null ? List.of() : List.copyOf(curvePreferences);
        reloadInterval = reloadInterval == null ? Duration.ZERO : reloadInterval;
    }

    /** Mutual TLS: clients must present a certificate this CA file verifies. */
    public boolean requiresClientCertificate() {
        return clientCaFile != null && !clientCaFile.isBlank();
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        boolean hasCert = present(certFile) || present(certPem);
        boolean hasKey = present(keyFile) || present(keyPem);
        if (!hasCert || !hasKey) {
            problems.add("tls needs both a certificate (cert_file or cert_pem) and a key (key_file or key_pem) on a server");
        }
        if (present(certFile) && present(certPem)) {
            problems.add("tls: give cert_file or cert_pem, not both");
        }
        if (present(keyFile) && present(keyPem)) {
            problems.add("tls: give key_file or key_pem, not both");
        }
        int min = TlsServerVersions.rank(minVersion, DEFAULT_MIN_VERSION);
        int max = TlsServerVersions.rank(maxVersion, "1.3");
        if (min < 0) {
            problems.add("tls.min_version must be one of 1.0, 1.1, 1.2, 1.3, got \"" + minVersion + "\"");
        }
        if (max < 0) {
            problems.add("tls.max_version must be one of 1.0, 1.1, 1.2, 1.3, got \"" + maxVersion + "\"");
        }
        if (min >= 0 && max >= 0 && min > max) {
            problems.add("tls.min_version " + minVersion + " is newer than tls.max_version " + maxVersion);
        }
        if (reloadInterval.isNegative()) {
            problems.add("tls.reload_interval must not be negative");
        }
        return problems;
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
