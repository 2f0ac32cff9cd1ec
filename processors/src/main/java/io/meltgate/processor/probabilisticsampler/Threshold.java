package io.meltgate.processor.probabilisticsampler;

/**
 * Rejection thresholds of OpenTelemetry consistent probability sampling: 56-bit unsigned values T, an item with
 * randomness R (56 bits) is sampled when {@code T <= R}. T = 0 samples everything; {@link #NEVER} nothing.
 * Encoded in {@code tracestate} as {@code ot=th:<hex>} with trailing zeros removed.
 */
final class Threshold {

    static final int HEX_DIGITS = 14;
    static final long MAX_ADJUSTED_COUNT = 1L << 56;
    /** Above every randomness value: samples nothing (never encoded). */
    static final long NEVER = MAX_ADJUSTED_COUNT;
    static final long ALWAYS = 0;
    static final double MIN_PROBABILITY = 1.0 / MAX_ADJUSTED_COUNT;

    private Threshold() {
    }

    /**
     * The threshold for a sampling probability, rounded to {@code precision} hex digits, with extra digits near 0
     * and 1 so the relative error stays small (the OpenTelemetry Go reference's algorithm).
     *
     * @return the threshold, or {@link #NEVER} when the probability is below 2^-56
     */
    static long fromProbability(double probability, int precision) {
        if (!(probability >= MIN_PROBABILITY)) {
            return NEVER;
        }
        if (probability >= 1) {
            return ALWAYS;
        }
        int expF = frexpExponent(probability);
        int expR = frexpExponent(1 - probability);
        int digits = Math.min(HEX_DIGITS, Math.max(precision + expF / -4, precision + expR / -4));
        long scaled = Math.round(probability * MAX_ADJUSTED_COUNT);
        long threshold = MAX_ADJUSTED_COUNT - scaled;
        int shift = 4 * (HEX_DIGITS - digits);
        if (shift != 0) {
            long half = 1L << (shift - 1);
            threshold += half;
            threshold >>>= shift;
            threshold <<= shift;
        }
        return threshold;
    }

    /** The exponent Go's {@code math.Frexp} returns: x = f × 2^exp with f in [0.5, 1); 0 for 0. */
    private static int frexpExponent(double x) {
        return x == 0 ? 0 : Math.getExponent(x) + 1;
    }

    /** The sampling probability a threshold stands for. */
    static double probability(long threshold) {
        return (MAX_ADJUSTED_COUNT - threshold) / (double) MAX_ADJUSTED_COUNT;
    }

    /** {@code th} value: 14 hex digits without trailing zeros, "0" for always. */
    static String encode(long threshold) {
        if (threshold == 0) {
            return "0";
        }
        String hex = String.format("%014x", threshold);
        int end = hex.length();
        while (end > 1 && hex.charAt(end - 1) == '0') {
            end--;
        }
        return hex.substring(0, end);
    }

    /** Parses a {@code th} value (1 to 14 hex digits, right-padded with zeros); -1 when malformed. */
    static long parse(String th) {
        if (th.isEmpty() || th.length() > HEX_DIGITS) {
            return -1;
        }
        try {
            long v = Long.parseUnsignedLong(th, 16);
            return v << (4 * (HEX_DIGITS - th.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Parses an {@code rv} value (exactly 14 hex digits); -1 when malformed. */
    static long parseRandomness(String rv) {
        if (rv.length() != HEX_DIGITS) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(rv, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String encodeRandomness(long rv) {
        return String.format("%014x", rv);
    }
}
