package io.meltgate.processor.tailsampling.policy;

/**
 * What one policy says about a trace, with the Collector's vocabulary. The inverted decisions come from
 * {@code invert_match} on the attribute policies; the Collector deprecates them but still combines them, and so
 * do we (see {@link DecisionCombiner}).
 */
public enum Decision {
    SAMPLED("sampled", true),
    NOT_SAMPLED("not_sampled", false),
    INVERT_SAMPLED("sampled", true),
    INVERT_NOT_SAMPLED("not_sampled", false),
    DROPPED("dropped", false);

    private final String metricValue;
    private final boolean sampled;

    Decision(String metricValue, boolean sampled) {
        this.metricValue = metricValue;
        this.sampled = sampled;
    }

    /** The {@code decision} attribute of the Collector's metrics: sampled, not_sampled or dropped. */
    public String metricValue() {
        return metricValue;
    }

    /** The {@code sampled} attribute of the Collector's metrics. */
    public boolean sampled() {
        return sampled;
    }

    /** Inside {@code and}, {@code composite} and {@code drop} an inverted decision counts as its plain form. */
    public Decision uninverted() {
        return switch (this) {
            case INVERT_SAMPLED -> SAMPLED;
            case INVERT_NOT_SAMPLED -> NOT_SAMPLED;
            default -> this;
        };
    }
}
