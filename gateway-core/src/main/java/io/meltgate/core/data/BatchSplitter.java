package io.meltgate.core.data;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a batch into batches of at most {@code maxItems} items each, keeping every item under its own
 * resource and scope. Whole resource entries are reused as they are when they fit; only an entry that
 * straddles a cut is rebuilt. A metric straddling a cut is split by data points.
 */
public final class BatchSplitter {

    private BatchSplitter() {
    }

    /** The batch itself (in a list of one) when it is small enough, else the pieces in order. */
    public static List<Batch> split(Batch batch, int maxItems) {
        if (maxItems <= 0 || batch.itemCount() <= maxItems) {
            return List.of(batch);
        }
        if (batch instanceof SpanBatch s) {
            return splitSpans(s, maxItems);
        }
        if (batch instanceof MetricBatch m) {
            return splitMetrics(m, maxItems);
        }
        return splitLogs((LogBatch) batch, maxItems);
    }

    private static List<Batch> splitSpans(SpanBatch batch, int max) {
        List<Batch> out = new ArrayList<>();
        List<ResourceSpans> current = new ArrayList<>();
        List<ByteString> currentWire = new ArrayList<>();
        int room = max;
        for (int r = 0; r < batch.resourceSpans().size(); r++) {
            ResourceSpans rs = batch.resourceSpans().get(r);
            int n = SpanBatch.countSpans(List.of(rs));
            if (n <= room) {
                current.add(rs);
                currentWire.add(batch.wireOf(r));
                room -= n;
            } else {
                ResourceSpans.Builder part = rs.toBuilder().clearScopeSpans();
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    int from = 0;
                    while (from < ss.getSpansCount()) {
                        if (room == 0) {
                            if (part.getScopeSpansCount() > 0) {
                                current.add(part.build());
                                currentWire.add(null);
                                part = rs.toBuilder().clearScopeSpans();
                            }
                            out.add(new SpanBatch(current, max, batch.metadata(), wireOrNull(currentWire)));
                            current = new ArrayList<>();
                            currentWire = new ArrayList<>();
                            room = max;
                        }
                        int take = Math.min(room, ss.getSpansCount() - from);
                        part.addScopeSpans(ss.toBuilder().clearSpans().addAllSpans(ss.getSpansList().subList(from, from + take)));
                        from += take;
                        room -= take;
                    }
                }
                if (part.getScopeSpansCount() > 0) {
                    current.add(part.build());
                    currentWire.add(null);
                }
            }
            if (room == 0) {
                out.add(new SpanBatch(current, max, batch.metadata(), wireOrNull(currentWire)));
                current = new ArrayList<>();
                currentWire = new ArrayList<>();
                room = max;
            }
        }
        if (!current.isEmpty()) {
            out.add(SpanBatch.of(current, wireOrNull(currentWire), batch.metadata()));
        }
        return out;
    }

    private static List<Batch> splitLogs(LogBatch batch, int max) {
        List<Batch> out = new ArrayList<>();
        List<ResourceLogs> current = new ArrayList<>();
        List<ByteString> currentWire = new ArrayList<>();
        int room = max;
        for (int r = 0; r < batch.resourceLogs().size(); r++) {
            ResourceLogs rl = batch.resourceLogs().get(r);
            int n = LogBatch.countLogRecords(List.of(rl));
            if (n <= room) {
                current.add(rl);
                currentWire.add(batch.wireOf(r));
                room -= n;
            } else {
                ResourceLogs.Builder part = rl.toBuilder().clearScopeLogs();
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    int from = 0;
                    while (from < sl.getLogRecordsCount()) {
                        if (room == 0) {
                            if (part.getScopeLogsCount() > 0) {
                                current.add(part.build());
                                currentWire.add(null);
                                part = rl.toBuilder().clearScopeLogs();
                            }
                            out.add(new LogBatch(current, max, batch.metadata(), wireOrNull(currentWire)));
                            current = new ArrayList<>();
                            currentWire = new ArrayList<>();
                            room = max;
                        }
                        int take = Math.min(room, sl.getLogRecordsCount() - from);
                        part.addScopeLogs(sl.toBuilder().clearLogRecords()
                                .addAllLogRecords(sl.getLogRecordsList().subList(from, from + take)));
                        from += take;
                        room -= take;
                    }
                }
                if (part.getScopeLogsCount() > 0) {
                    current.add(part.build());
                    currentWire.add(null);
                }
            }
            if (room == 0) {
                out.add(new LogBatch(current, max, batch.metadata(), wireOrNull(currentWire)));
                current = new ArrayList<>();
                currentWire = new ArrayList<>();
                room = max;
            }
        }
        if (!current.isEmpty()) {
            out.add(LogBatch.of(current, wireOrNull(currentWire), batch.metadata()));
        }
        return out;
    }

    private static List<Batch> splitMetrics(MetricBatch batch, int max) {
        List<Batch> out = new ArrayList<>();
        List<ResourceMetrics> current = new ArrayList<>();
        List<ByteString> currentWire = new ArrayList<>();
        int room = max;
        for (int r = 0; r < batch.resourceMetrics().size(); r++) {
            ResourceMetrics rm = batch.resourceMetrics().get(r);
            int n = MetricBatch.countDataPoints(List.of(rm));
            if (n <= room) {
                current.add(rm);
                currentWire.add(batch.wireOf(r));
                room -= n;
            } else {
                ResourceMetrics.Builder part = rm.toBuilder().clearScopeMetrics();
                for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                    ScopeMetrics.Builder scopePart = sm.toBuilder().clearMetrics();
                    for (Metric m : sm.getMetricsList()) {
                        int points = MetricBatch.dataPointCount(m);
                        int from = 0;
                        do {
                            if (room == 0) {
                                if (scopePart.getMetricsCount() > 0) {
                                    part.addScopeMetrics(scopePart.build());
                                    scopePart = sm.toBuilder().clearMetrics();
                                }
                                if (part.getScopeMetricsCount() > 0) {
                                    current.add(part.build());
                                    currentWire.add(null);
                                    part = rm.toBuilder().clearScopeMetrics();
                                }
                                out.add(new MetricBatch(current, max, batch.metadata(), wireOrNull(currentWire)));
                                current = new ArrayList<>();
                                currentWire = new ArrayList<>();
                                room = max;
                            }
                            int take = Math.min(room, points - from);
                            scopePart.addMetrics(from == 0 && take == points ? m : slice(m, from, from + take));
                            from += take;
                            room -= take;
                        } while (from < points);
                    }
                    if (scopePart.getMetricsCount() > 0) {
                        part.addScopeMetrics(scopePart.build());
                    }
                }
                if (part.getScopeMetricsCount() > 0) {
                    current.add(part.build());
                    currentWire.add(null);
                }
            }
            if (room == 0) {
                out.add(new MetricBatch(current, max, batch.metadata(), wireOrNull(currentWire)));
                current = new ArrayList<>();
                currentWire = new ArrayList<>();
                room = max;
            }
        }
        if (!current.isEmpty()) {
            out.add(MetricBatch.of(current, wireOrNull(currentWire), batch.metadata()));
        }
        return out;
    }

    /** The received bytes of the entries, or null when none of them has any. */
    static List<ByteString> wireOrNull(List<ByteString> wire) {
        for (ByteString b : wire) {
            if (b != null) {
                return wire;
            }
        }
        return null;
    }

    /** The metric with only data points [from, to). */
    private static Metric slice(Metric m, int from, int to) {
        Metric.Builder b = m.toBuilder();
        switch (m.getDataCase()) {
            case GAUGE -> b.setGauge(Gauge.newBuilder().addAllDataPoints(m.getGauge().getDataPointsList().subList(from, to)));
            case SUM -> b.setSum(Sum.newBuilder(m.getSum()).clearDataPoints()
                    .addAllDataPoints(m.getSum().getDataPointsList().subList(from, to)));
            case HISTOGRAM -> b.setHistogram(Histogram.newBuilder(m.getHistogram()).clearDataPoints()
                    .addAllDataPoints(m.getHistogram().getDataPointsList().subList(from, to)));
            case EXPONENTIAL_HISTOGRAM -> b.setExponentialHistogram(ExponentialHistogram.newBuilder(m.getExponentialHistogram())
                    .clearDataPoints().addAllDataPoints(m.getExponentialHistogram().getDataPointsList().subList(from, to)));
            case SUMMARY -> b.setSummary(Summary.newBuilder().addAllDataPoints(m.getSummary().getDataPointsList().subList(from, to)));
            case DATA_NOT_SET -> { }
        }
        return b.build();
    }
}
