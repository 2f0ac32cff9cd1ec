package io.meltgate.processor.probabilisticsampler;

/**
 * The sampling arithmetic of the {@code probabilistic_sampler}, free of OTLP types: thresholds for the
 * configured percentage in each mode, and randomness from the hash of a trace id or attribute.
 */
final class ConsistentSampler {

    /** The hash mode uses 14 bits of the hash: 16384 buckets. */
    static final int HASH_BUCKETS_LG2 = 14;
    static final int HASH_BUCKETS = 1 << HASH_BUCKETS_LG2;
    static final int HASH_BUCKET_MASK = HASH_BUCKETS - 1;
    private static final int FNV32_OFFSET = 0x811c9dc5;
    private static final int FNV32_PRIME = 0x01000193;

    final SamplerMode mode;
    final int precision;
    private final int seed;
    /** The configured probability, from the float32 percentage as Go has it. */
    final double ratio;
    /** The threshold of the configured percentage in this mode. */
    final long configuredThreshold;

    ConsistentSampler(SamplerMode mode, double samplingPercentage, long hashSeed, int precision) {
        this.mode = mode;
        this.precision = precision;
        this.seed = (int) hashSeed;
        float pct = (float) Math.min(samplingPercentage, 100);
        this.ratio = pct / 100.0;
        this.configuredThreshold = mode == SamplerMode.HASH_SEED ? hashThreshold(pct)
                : Threshold.fromProbability(ratio, precision);
    }

    /**
     * The hash mode's threshold: the 14-bit acceptance rate {@code uint32(pct × 16384/100)} (float32 arithmetic,
     * as Go does it), turned into a 56-bit rejection threshold.
     */
    static long hashThreshold(float percentage) {
        int scaled = scaledRate(percentage);
        return (long) (HASH_BUCKETS - scaled) << (56 - HASH_BUCKETS_LG2);
    }

    /** {@code uint32(pct * percentageScaleFactor)} with float32 operands: accepted buckets out of 16384. */
    static int scaledRate(float percentage) {
        if (percentage <= 0) {
            return 0;
        }
        return (int) Math.min(HASH_BUCKETS, percentage * (float) (HASH_BUCKETS / 100.0));
    }

    /** The Collector's hash: 32-bit FNV-1a of the seed (4 bytes, little-endian) followed by the bytes. */
    static int fnv32a(int seed, byte[] bytes) {
        byte[] seedBytes = {(byte) seed, (byte) (seed >>> 8), (byte) (seed >>> 16), (byte) (seed >>> 24)};
        return fnv32aUpdate(fnv32aUpdate(FNV32_OFFSET, seedBytes), bytes);
    }

    /** 32-bit FNV-1a from state {@code h} (0x811c9dc5 to start) over the bytes. */
    static int fnv32aUpdate(int h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV32_PRIME;
        }
        return h;
    }

    int bucket(byte[] bytes) {
        return fnv32a(seed, bytes) & HASH_BUCKET_MASK;
    }

    /**
     * 56 bits of randomness from the hash, laid out as the Collector does so that {@code threshold <= R} exactly
     * when {@code bucket < scaled rate}: 14 bits {@code 16383 - bucket}, 28 bits mixed from the 18 unused hash
     * bits, then the bucket.
     */
    long hashRandomness(byte[] bytes) {
        int hashed32 = fnv32a(seed, bytes);
        long hashed = hashed32 & HASH_BUCKET_MASK;
        long rprime14 = HASH_BUCKETS - 1 - hashed;
        long unused18 = (hashed32 & 0xffffffffL) >>> HASH_BUCKETS_LG2;
        long mixed28 = unused18 ^ (unused18 << 10);
        return (rprime14 << 42) | (mixed28 << 14) | hashed;
    }

    /** The threshold to apply given an arriving threshold (-1: none). */
    long thresholdGiven(long arriving) {
        if (arriving < 0 || mode == SamplerMode.HASH_SEED) {
            return configuredThreshold;
        }
        if (mode == SamplerMode.PROPORTIONAL) {
            return Threshold.fromProbability(Threshold.probability(arriving) * ratio, precision);
        }
        return Math.max(arriving, configuredThreshold);
    }

    /** The threshold a logs {@code sampling_priority} value means: 0 none, >= 100 all, else that percentage. */
    long priorityThreshold(double percent) {
        if (percent <= 0) {
            return Threshold.NEVER;
        }
        if (percent >= 100) {
            return Threshold.ALWAYS;
        }
        return mode == SamplerMode.HASH_SEED ? hashThreshold((float) percent)
                : Threshold.fromProbability((float) percent / 100.0, precision);
    }

    static boolean sampled(long threshold, long randomness) {
        return threshold <= randomness;
    }
}
