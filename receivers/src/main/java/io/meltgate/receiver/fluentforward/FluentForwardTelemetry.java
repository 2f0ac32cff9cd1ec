package io.meltgate.receiver.fluentforward;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.telemetry.ReceiverMetrics;
import io.micrometer.core.instrument.Counter;

/**
 * The receiver's self-metrics: the Collector's accepted/refused log record counters (transport {@code tcp}) and
 * its fluentforward receiver's own ({@code otelcol_fluent_*}), plus handshake failures. Created once.
 */
final class FluentForwardTelemetry {

    private final ReceiverMetrics metrics;
    private final Counter opened;
    private final Counter closed;
    private final Counter eventsParsed;
    private final Counter parseFailures;
    private final Counter recordsGenerated;
    private final Counter handshakeFailures;

    FluentForwardTelemetry(ComponentContext context) {
        this.metrics = new ReceiverMetrics(context, "tcp");
        this.opened = counter(context, "otelcol_fluent_opened_connections",
                "Number of connections opened to the fluentforward receiver");
        this.closed = counter(context, "otelcol_fluent_closed_connections",
                "Number of connections closed to the fluentforward receiver");
        this.eventsParsed = counter(context, "otelcol_fluent_events_parsed",
                "Number of Fluent events parsed successfully");
        this.parseFailures = counter(context, "otelcol_fluent_parse_failures",
                "Number of times Fluent messages failed to be decoded");
        this.recordsGenerated = counter(context, "otelcol_fluent_records_generated",
                "Number of log records generated from Fluent forward input");
        this.handshakeFailures = counter(context, "otelcol_fluent_handshake_failures",
                "Number of connections refused by the shared key / user authentication handshake");
    }

    private static Counter counter(ComponentContext context, String name, String description) {
        return Counter.builder(name).description(description).tags(context.tags()).register(context.meters());
    }

    ReceiverMetrics metrics() {
        return metrics;
    }

    void opened() {
        opened.increment();
    }

    void closed() {
        closed.increment();
    }

    void parsed(int events) {
        eventsParsed.increment();
        recordsGenerated.increment(events);
    }

    void parseFailed() {
        parseFailures.increment();
    }

    void handshakeFailed() {
        handshakeFailures.increment();
    }

    double handshakeFailures() {
        return handshakeFailures.count();
    }

    double parseFailures() {
        return parseFailures.count();
    }
}
