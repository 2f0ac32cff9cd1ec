package io.meltgate.processor.tailsampling.policy;

/**
 * How the top-level policies' decisions make the final one, in the Collector's order of precedence: any DROPPED
 * drops the trace; else any INVERT_NOT_SAMPLED leaves it out; else any SAMPLED keeps it; else an INVERT_SAMPLED
 * keeps it when no policy said NOT_SAMPLED; else it is left out. Collect the decisions with {@link #add}.
 */
public final class DecisionCombiner {

    private boolean dropped;
    private boolean invertNotSampled;
    private boolean sampled;
    private boolean invertSampled;
    private boolean notSampled;

    public void reset() {
        dropped = invertNotSampled = sampled = invertSampled = notSampled = false;
    }

    public void add(Decision d) {
        switch (d) {
            case DROPPED -> dropped = true;
            case INVERT_NOT_SAMPLED -> invertNotSampled = true;
            case SAMPLED -> sampled = true;
            case INVERT_SAMPLED -> invertSampled = true;
            case NOT_SAMPLED -> notSampled = true;
        }
    }

    /** The final decision: SAMPLED, NOT_SAMPLED or DROPPED. */
    public Decision result() {
        if (dropped) {
            return Decision.DROPPED;
        }
        if (invertNotSampled) {
            return Decision.NOT_SAMPLED;
        }
        if (sampled) {
            return Decision.SAMPLED;
        }
        if (invertSampled && !notSampled) {
            return Decision.SAMPLED;
        }
        return Decision.NOT_SAMPLED;
    }
}
