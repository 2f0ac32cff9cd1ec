package io.meltgate.processor.probabilisticsampler;

/** {@code mode}: how the threshold is chosen and where randomness comes from. */
public enum SamplerMode {
    /** FNV-1a 32-bit hash of seed + trace id (or a log attribute), 14 bits compared with the percentage. */
    HASH_SEED,
    /** 56-bit randomness of the trace id or {@code rv}; the probability multiplies any arriving {@code th}. */
    PROPORTIONAL,
    /** Like proportional, but an arriving {@code th} only ever rises to the configured one. */
    EQUALIZING
}
