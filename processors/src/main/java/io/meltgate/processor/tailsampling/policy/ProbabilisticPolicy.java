package io.meltgate.processor.tailsampling.policy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * {@code probabilistic}: the Collector's tail-sampling probabilistic policy, bit for bit. The trace id is hashed
 * with 64-bit FNV-1a after the salt ({@code hash_salt}, default {@code "default-hash-seed"}); the trace is sampled
 * when the hash, as an unsigned number, is at most {@code 2^64-1 × sampling_percentage / 100}.
 */
public final class ProbabilisticPolicy implements SamplingPolicy {

    public static final String DEFAULT_HASH_SALT = "default-hash-seed";
    private static final long FNV64_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV64_PRIME = 0x100000001b3L;
    private static final BigInteger MAX_UINT64 = new BigInteger("18446744073709551615");

    private final long saltState;
    private final long threshold;

    public ProbabilisticPolicy(String hashSalt, double samplingPercentage) {
        String salt = hashSalt == null || hashSalt.isEmpty() ? DEFAULT_HASH_SALT : hashSalt;
        this.saltState = fnv64a(FNV64_OFFSET, salt.getBytes(StandardCharsets.UTF_8));
        this.threshold = threshold(samplingPercentage / 100);
    }

    /**
     * {@code MaxUint64 × ratio} as Go's {@code big.Float} computes it: the exact product rounded to 64 bits of
     * mantissa (nearest even), truncated to an integer, saturated at MaxUint64; returned as an unsigned long.
     */
    static long threshold(double ratio) {
        if (!(ratio > 0) || ratio < Double.MIN_NORMAL) {
            return 0;
        }
        long bits = Double.doubleToRawLongBits(ratio);
        long mantissa = (bits & ((1L << 52) - 1)) | (1L << 52);
        int exponent = Math.getExponent(ratio) - 52;
        BigInteger product = MAX_UINT64.multiply(BigInteger.valueOf(mantissa));
        int extra = product.bitLength() - 64;
        if (extra > 0) {
            BigInteger half = BigInteger.ONE.shiftLeft(extra - 1);
            BigInteger remainder = product.and(BigInteger.ONE.shiftLeft(extra).subtract(BigInteger.ONE));
            BigInteger kept = product.shiftRight(extra);
            int cmp = remainder.compareTo(half);
            if (cmp > 0 || (cmp == 0 && kept.testBit(0))) {
                kept = kept.add(BigInteger.ONE);
            }
            product = kept.shiftLeft(extra);
        }
        BigInteger value = exponent >= 0 ? product.shiftLeft(exponent) : product.shiftRight(-exponent);
        return value.compareTo(MAX_UINT64) >= 0 ? -1L : value.longValue();
    }

    static long fnv64a(long state, byte[] bytes) {
        long h = state;
        for (byte b : bytes) {
            h ^= (b & 0xff);
            h *= FNV64_PRIME;
        }
        return h;
    }

    /** The unsigned 64-bit FNV-1a of salt followed by the trace id. */
    long hash(byte[] traceId) {
        return fnv64a(saltState, traceId);
    }

    @Override
    public Decision evaluate(TraceView trace, long nowNanos) {
        return Long.compareUnsigned(hash(trace.traceId()), threshold) <= 0 ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }
}
