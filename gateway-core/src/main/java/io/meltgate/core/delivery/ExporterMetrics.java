package io.meltgate.core.delivery;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.telemetry.SignalCounters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * An exporter's self-metrics, named as the Collector's exporterhelper names them, created once:
 * {@code otelcol_exporter_sent_*}, {@code otelcol_exporter_send_failed_*},
 * {@code otelcol_exporter_enqueue_failed_*} (suffix {@code spans}, {@code metric_points},
 * {@code log_records}; tag {@code exporter}), {@code otelcol_exporter_queue_size} and
 * {@code otelcol_exporter_queue_capacity} (tags {@code exporter} and {@code data_type}). The Collector has no
 * retry counter, so ours carries our own prefix: {@code meltgate_exporter_retried_*} counts the items of
 * every failed try that will be tried again.
 */
final class ExporterMetrics {

    final SignalCounters sent;
    final SignalCounters sendFailed;
    final SignalCounters enqueueFailed;
    final SignalCounters retried;

    ExporterMetrics(ComponentContext context) {
        Tags tags = context.tags();
        sent = new SignalCounters(context.meters(), "otelcol_exporter_sent",
                "Number of {items} successfully sent to destination.", tags);
        sendFailed = new SignalCounters(context.meters(), "otelcol_exporter_send_failed",
                "Number of {items} in failed attempts to send to destination.", tags);
        enqueueFailed = new SignalCounters(context.meters(), "otelcol_exporter_enqueue_failed",
                "Number of {items} failed to be added to the sending queue.", tags);
        retried = new SignalCounters(context.meters(), "meltgate_exporter_retried",
                "Number of {items} in failed attempts to send that will be retried.", tags);
    }

    /** Registers the queue gauges of each signal the exporter serves, read from the queue when scraped. */
    void registerQueue(ComponentContext context, Set<Signal> signals, SendingQueue queue) {
        for (Signal s : signals) {
            Tags tags = context.tags().and("data_type", s.yamlName());
            gauge(context, "otelcol_exporter_queue_size", "Current size of the retry queue (in batches).",
                    tags, queue, q -> q.size(s));
            gauge(context, "otelcol_exporter_queue_capacity", "Fixed capacity of the retry queue (in batches).",
                    tags, queue, SendingQueue::capacity);
        }
    }

    private static void gauge(ComponentContext context, String name, String description, Tags tags,
                              SendingQueue queue, ToDoubleFunction<SendingQueue> value) {
        Gauge.builder(name, queue, value).description(description).tags(tags).register(context.meters());
    }
}
