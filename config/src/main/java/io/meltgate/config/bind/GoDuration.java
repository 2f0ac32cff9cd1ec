package io.meltgate.config.bind;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Durations written as Go's {@code time.ParseDuration} reads them, so Collector configs keep working:
 * a sequence of decimal numbers with units {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s},
 * {@code m}, {@code h}, with an optional sign: {@code 200ms}, {@code 1.5s}, {@code 1m30s}, {@code -2h}.
 * {@code 0} alone is zero; a bare integer (the YAML value {@code 5000}) is nanoseconds, as in Go.
 */
public final class GoDuration {

    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** Parses the text; throws IllegalArgumentException with the reason. */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            Duration d = Duration.ofNanos(Long.parseLong(s));
            return negative ? d.negated() : d;
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".")) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            Long perUnit = UNIT_NANOS.get(unit);
            if (perUnit == null) {
                throw new IllegalArgumentException(unit.isEmpty()
                        ? "missing unit in duration '" + text + "' (use ns, us, ms, s, m or h, e.g. 5s)"
                        : "unknown unit '" + unit + "' in duration '" + text + "' (use ns, us, ms, s, m or h)");
            }
            try {
                nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(perUnit)));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }
        long total;
        try {
            total = nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is out of range");
        }
        return Duration.ofNanos(negative ? -total : total);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration '" + text + "' (expected Go syntax such as 200ms, 5s, 1m30s)");
    }
}
