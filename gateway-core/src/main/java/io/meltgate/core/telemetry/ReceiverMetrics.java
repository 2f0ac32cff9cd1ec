package io.meltgate.core.telemetry;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.signal.Signal;
import io.micrometer.core.instrument.Tags;

/** A receiver's accepted and refused counters for one transport, named and tagged as the Collector's. */
public final class ReceiverMetrics {

    private final SignalCounters accepted;
    private final SignalCounters refused;

    public ReceiverMetrics(ComponentContext context, String transport) {
        Tags tags = context.tags().and("transport", transport);
        this.accepted = new SignalCounters(context.meters(), "otelcol_receiver_accepted",
                "Number of {items} successfully pushed into the pipeline.", tags);
        this.refused = new SignalCounters(context.meters(), "otelcol_receiver_refused",
                "Number of {items} that could not be pushed into the pipeline.", tags);
    }

    public void accepted(Signal signal, long items) {
        accepted.add(signal, items);
    }

    public void refused(Signal signal, long items) {
        refused.add(signal, items);
    }

    public double acceptedCount(Signal signal) {
        return accepted.count(signal);
    }

    public double refusedCount(Signal signal) {
        return refused.count(signal);
    }
}
