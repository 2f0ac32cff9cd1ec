package io.meltgate.processor.matching;

import java.util.Locale;

/** Severity names of the log data model ({@code INFO}, {@code WARN3}...) to OTLP severity numbers. */
final class Severity {

    private static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

    private Severity() {
    }

    /** The number of a name or number, or -1 when it is neither. */
    static int parse(Object v) {
        if (v instanceof Number n) {
            int i = n.intValue();
            return i >= 1 && i <= 24 ? i : -1;
        }
        if (v == null) {
            return -1;
        }
        String s = v.toString().trim().toUpperCase(Locale.ROOT);
        for (int i = 0; i < LEVELS.length; i++) {
            if (s.equals(LEVELS[i])) {
                return 1 + 4 * i;
            }
            for (int j = 2; j <= 4; j++) {
                if (s.equals(LEVELS[i] + j)) {
                    return 4 * i + j;
                }
            }
        }
        try {
            int i = Integer.parseInt(s);
            return i >= 1 && i <= 24 ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
