package io.meltgate.core.tls;

import java.util.ArrayList;
import java.util.List;

/** The Collector's TLS version names ({@code "1.0"} .. {@code "1.3"}) and the JDK protocol names they stand for. */
final class TlsServerVersions {

    private static final List<String> NAMES = List.of("1.0", "1.1", "1.2", "1.3");
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private TlsServerVersions() {
    }

    /** 0 for 1.0 .. 3 for 1.3; an empty value means {@code fallback}; -1 for a name that is not a version. */
    static int rank(String version, String fallback) {
        String v = version == null || version.isBlank() ? fallback : version.trim();
        return NAMES.indexOf(v);
    }

    /** The JDK protocol names from min to max, both included. */
    static String[] protocols(String minVersion, String maxVersion) {
        int min = rank(minVersion, TlsServerSettings.DEFAULT_MIN_VERSION);
        int max = rank(maxVersion, "1.3");
        if (min < 0 || max < 0 || min > max) {
            throw new IllegalArgumentException("bad TLS version range " + minVersion + ".." + maxVersion);
        }
        List<String> out = new ArrayList<>(PROTOCOLS.subList(min, max + 1));
        return out.toArray(String[]::new);
    }
}
