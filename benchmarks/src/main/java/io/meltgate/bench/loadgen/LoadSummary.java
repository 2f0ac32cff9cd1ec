package io.meltgate.bench.loadgen;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a load run achieved; printed for people and as one JSON line for scripts. */
public record LoadSummary(LoadOptions options, double elapsedSeconds, long requestsSent, long requestsAccepted,
                          long requestsRefused, long requestsFailed, long itemsSent, long itemsAccepted,
                          long itemsRejected, long itemsRefused, long itemsFailed, long scheduleSkipped,
                          long p50Micros, long p90Micros, long p99Micros, long maxMicros,
                          Map<String, Long> statuses, long warmupItemsAccepted, double targetCpuSeconds) {

    public double acceptedPerSecond() {
        return elapsedSeconds > 0 ? itemsAccepted / elapsedSeconds : 0;
    }

    public double refusedPerSecond() {
        return elapsedSeconds > 0 ? itemsRefused / elapsedSeconds : 0;
    }

    /** CPU seconds the {@code --cpu-pid} process used per million accepted items; -1 when unknown. */
    public double targetCpuSecondsPerMillion() {
        return targetCpuSeconds >= 0 && itemsAccepted > 0 ? targetCpuSeconds / itemsAccepted * 1e6 : -1;
    }

    /** Several lines for people. */
    public String toText() {
        String noun = options.signal().itemNoun();
        return String.format(Locale.ROOT, """
                loadgen %s %s -> %s, batch %d, concurrency %d, offered %s
                  %.1f s: %d requests sent, %d accepted, %d refused, %d failed%s
                  %s: accepted %.0f/s (%d), refused %.0f/s (%d), rejected in partial success %d, failed %d
                  latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms   statuses %s%s""",
                options.protocol().name().toLowerCase(Locale.ROOT), options.signal(), options.target(),
                options.batchSize(), options.concurrency(),
                options.itemsPerSecond() > 0 ? String.format(Locale.ROOT, "%.0f %s/s", options.itemsPerSecond(), noun)
                        : "as fast as allowed",
                elapsedSeconds, requestsSent, requestsAccepted, requestsRefused, requestsFailed,
                scheduleSkipped > 0 ? " (fell behind: " + scheduleSkipped + " scheduled requests skipped)" : "",
                noun, acceptedPerSecond(), itemsAccepted, refusedPerSecond(), itemsRefused, itemsRejected, itemsFailed,
                p50Micros / 1000.0, p90Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0, statuses,
                targetCpuSeconds >= 0 ? String.format(Locale.ROOT, "%n  process %d: %.2f CPU-s = %.2f CPU-s per million %s",
                        options.cpuPid(), targetCpuSeconds, targetCpuSecondsPerMillion(), noun) : "");
    }

    /** One line of JSON with every number, for scripts. */
    public String toJson() {
        StringBuilder s = new StringBuilder(512);
        s.append("{\"loadgen\":\"summary\"");
        field(s, "protocol", options.protocol().name().toLowerCase(Locale.ROOT));
        field(s, "signal", options.signal().yamlName());
        field(s, "item", options.signal().itemNoun());
        field(s, "target", options.target());
        number(s, "batch_size", options.batchSize());
        number(s, "concurrency", options.concurrency());
        number(s, "offered_items_per_s", options.itemsPerSecond());
        number(s, "elapsed_s", elapsedSeconds);
        number(s, "requests_sent", requestsSent);
        number(s, "requests_accepted", requestsAccepted);
        number(s, "requests_refused", requestsRefused);
        number(s, "requests_failed", requestsFailed);
        number(s, "items_sent", itemsSent);
        number(s, "items_accepted", itemsAccepted);
        number(s, "items_rejected", itemsRejected);
        number(s, "items_refused", itemsRefused);
        number(s, "items_failed", itemsFailed);
        number(s, "schedule_skipped", scheduleSkipped);
        number(s, "accepted_items_per_s", acceptedPerSecond());
        number(s, "refused_items_per_s", refusedPerSecond());
        number(s, "latency_p50_ms", p50Micros / 1000.0);
        number(s, "latency_p90_ms", p90Micros / 1000.0);
        number(s, "latency_p99_ms", p99Micros / 1000.0);
        number(s, "latency_max_ms", maxMicros / 1000.0);
        number(s, "warmup_items_accepted", warmupItemsAccepted);
        number(s, "target_pid", options.cpuPid());
        number(s, "target_cpu_s", targetCpuSeconds);
        number(s, "target_cpu_s_per_million", targetCpuSecondsPerMillion());
        s.append(",\"statuses\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : new TreeMap<>(statuses).entrySet()) {
            s.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        return s.append("}}").toString();
    }

    private static void field(StringBuilder s, String name, String value) {
        s.append(",\"").append(name).append("\":\"").append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"');
    }

    private static void number(StringBuilder s, String name, double value) {
        s.append(",\"").append(name).append("\":");
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            s.append((long) value);
        } else {
            s.append(String.format(Locale.ROOT, "%.3f", value));
        }
    }
}
