package io.meltgate.processor.probabilisticsampler;

import io.meltgate.core.component.ComponentSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the {@code probabilistic_sampler} processor, with the Collector's names and defaults (see
 * {@link ProbabilisticSamplerFactory#defaultSettings()}).
 *
 * @param samplingPercentage percentage of items kept; >= 100 keeps all, 0 none (Go float32, as the Collector)
 * @param hashSeed seed of the FNV hash in {@code hash_seed} mode (unsigned 32-bit)
 * @param mode {@code hash_seed} (default), {@code proportional} or {@code equalizing}
 * @param failClosed drop items whose sampling information is missing or malformed (true)
 * @param samplingPrecision hex digits of the encoded threshold, 1..14 (4)
 * @param attributeSource logs: {@code traceID} (default) or {@code record}
 * @param fromAttribute logs: the attribute hashed when the trace id is absent or attribute_source is record
 * @param samplingPriority logs: the attribute whose value overrides the percentage (0 drops)
 */
public record ProbabilisticSamplerSettings(
        double samplingPercentage,
        long hashSeed,
        String mode,
        boolean failClosed,
        int samplingPrecision,
        String attributeSource,
        String fromAttribute,
        String samplingPriority) implements ComponentSettings {

    public SamplerMode samplerMode() {
        String m = mode == null || mode.isEmpty() ? "hash_seed" : mode;
        return SamplerMode.valueOf(m.toUpperCase(Locale.ROOT));
    }

    public boolean attributeSourceIsRecord() {
        return "record".equals(attributeSource);
    }

    public ProbabilisticSamplerSettings with(double percentage, long seed, String mode) {
        return new ProbabilisticSamplerSettings(percentage, seed, mode, failClosed, samplingPrecision, attributeSource,
                fromAttribute, samplingPriority);
    }

    public ProbabilisticSamplerSettings withLogs(String attributeSource, String fromAttribute, String samplingPriority) {
        return new ProbabilisticSamplerSettings(samplingPercentage, hashSeed, mode, failClosed, samplingPrecision,
                attributeSource, fromAttribute, samplingPriority);
    }

    public ProbabilisticSamplerSettings withFailClosed(boolean failClosed) {
        return new ProbabilisticSamplerSettings(samplingPercentage, hashSeed, mode, failClosed, samplingPrecision,
                attributeSource, fromAttribute, samplingPriority);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (samplingPercentage < 0 || Double.isNaN(samplingPercentage)) {
            problems.add("sampling_percentage: must be >= 0, got " + samplingPercentage);
        } else if (samplingPercentage > 0 && samplingPercentage < 100 * Threshold.MIN_PROBABILITY) {
            problems.add("sampling_percentage: " + samplingPercentage + " is too small (the smallest is 2^-56 × 100)");
        }
        if (hashSeed < 0 || hashSeed > 0xffffffffL) {
            problems.add("hash_seed: must be an unsigned 32-bit integer");
        }
        String m = mode == null || mode.isEmpty() ? "hash_seed" : mode;
        if (!List.of("hash_seed", "proportional", "equalizing").contains(m)) {
            problems.add("mode: unknown mode \"" + mode + "\", expected hash_seed, proportional or equalizing");
        }
        if (samplingPrecision < 1 || samplingPrecision > Threshold.HEX_DIGITS) {
            problems.add("sampling_precision: must be 1..14, got " + samplingPrecision);
        }
        if (!"traceID".equals(attributeSource) && !"record".equals(attributeSource)) {
            problems.add("attribute_source: expected traceID or record, got \"" + attributeSource + "\"");
        }
        if ("record".equals(attributeSource) && (fromAttribute == null || fromAttribute.isEmpty())) {
            problems.add("from_attribute: required when attribute_source is record");
        }
        return problems;
    }
}
