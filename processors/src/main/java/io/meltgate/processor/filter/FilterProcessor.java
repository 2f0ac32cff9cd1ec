package io.meltgate.processor.filter;

import com.google.protobuf.Message;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.ottl.ConditionSet;
import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.OttlContextKind;
import io.meltgate.ottl.OttlEvalException;
import io.meltgate.ottl.OttlParser;
import io.meltgate.processor.matching.IncludeExclude;
import io.meltgate.processor.support.Rewrite;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * Drops what its conditions select, as the Collector's filter processor: a span, metric, data point or log
 * record goes when any condition of its context is true (or when the older include/exclude form does not keep
 * it); a span whose span events are all dropped stays; a metric left without data points, and a scope or
 * resource left empty, go too. What it drops it counts ({@code otelcol_processor_filter_*_filtered}), so it stays
 * inside the delivery contract. A batch it drops nothing from is passed on as the same instance; a batch it
 * empties is not passed on.
 */
final class FilterProcessor implements Processor {

    private final Signal signal;
    private final BatchConsumer next;
    private final OttlContext ctx = new OttlContext();
    private final ConditionSet spanConditions;
    private final ConditionSet eventConditions;
    private final ConditionSet metricConditions;
    private final ConditionSet pointConditions;
    private final ConditionSet logConditions;
    private final IncludeExclude legacySpans;
    private final IncludeExclude legacyMetrics;
    private final IncludeExclude legacyLogs;
    private final Counter filtered;
    private long dropped;

    FilterProcessor(ComponentContext context, FilterSettings s, Signal signal, BatchConsumer next) throws Exception {
        this.signal = signal;
        this.next = next;
        String owner = "processor " + context.id();
        spanConditions = set(s.tracesOrEmpty().span(), OttlContextKind.SPAN, s, owner);
        eventConditions = set(s.tracesOrEmpty().spanevent(), OttlContextKind.SPANEVENT, s, owner);
        metricConditions = set(s.metricsOrEmpty().metric(), OttlContextKind.METRIC, s, owner);
        pointConditions = set(s.metricsOrEmpty().datapoint(), OttlContextKind.DATAPOINT, s, owner);
        logConditions = set(s.logsOrEmpty().logRecord(), OttlContextKind.LOG, s, owner);
        legacySpans = new IncludeExclude(s.spansOrEmpty().include(), s.spansOrEmpty().exclude());
        legacyMetrics = new IncludeExclude(s.metricsOrEmpty().include(), s.metricsOrEmpty().exclude());
        legacyLogs = new IncludeExclude(s.logsOrEmpty().include(), s.logsOrEmpty().exclude());
        String noun = switch (signal) {
            case TRACES -> "spans";
            case METRICS -> "datapoints";
            case LOGS -> "logs";
        };
        filtered = Counter.builder("otelcol_processor_filter_" + noun + "_filtered")
                .description("Number of " + noun + " dropped by the filter processor")
                .tags(context.tags()).register(context.meters());
    }

    private static ConditionSet set(List<String> conditions, OttlContextKind kind, FilterSettings s, String owner)
            throws Exception {
        return new ConditionSet(OttlParser.parseConditions(FilterSettings.nz(conditions), kind), s.errorMode(), owner);
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        dropped = 0;
        Batch out;
        try {
            out = switch (signal) {
                case TRACES -> filterTraces((SpanBatch) batch);
                case METRICS -> filterMetrics((MetricBatch) batch);
                case LOGS -> filterLogs((LogBatch) batch);
            };
        } catch (OttlEvalException e) {
            throw ConsumeException.permanent("filter: " + e.getMessage());
        } catch (ConsumeException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw ConsumeException.permanent("filter: " + e.getMessage(), e);
        }
        if (dropped > 0) {
            filtered.increment(dropped);
        }
        if (!out.isEmpty() || batch.isEmpty()) {
            next.consume(out);
        }
    }

    // ---- traces

    private Batch filterTraces(SpanBatch batch) throws Exception {
        if (spanConditions.isEmpty() && eventConditions.isEmpty() && legacySpans.isEmpty()) {
            return batch;
        }
        List<ResourceSpans> rs = Rewrite.list(batch.resourceSpans(), r -> {
            ctx.resource(r.getResource(), r.getSchemaUrl());
            List<ScopeSpans> scopes = Rewrite.list(r.getScopeSpansList(), ss -> {
                ctx.scope(ss.getScope(), ss.getSchemaUrl());
                List<Span> spans = Rewrite.list(ss.getSpansList(), this::filterSpan);
                if (spans == ss.getSpansList()) {
                    return ss;
                }
                return spans.isEmpty() ? null : ss.toBuilder().clearSpans().addAllSpans(spans).build();
            });
            if (scopes == r.getScopeSpansList()) {
                return r;
            }
            return scopes.isEmpty() ? null : r.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build();
        });
        return rs == batch.resourceSpans() ? batch : SpanBatch.of(rs, batch.metadata());
    }

    private Span filterSpan(Span span) throws Exception {
        ctx.span(span);
        if (!legacySpans.isEmpty() && !legacySpans.selectsSpan(ctx.resource(), ctx.scope(), span)) {
            dropped++;
            return null;
        }
        if (spanConditions.anyTrue(ctx)) {
            dropped++;
            return null;
        }
        if (eventConditions.isEmpty() || span.getEventsCount() == 0) {
            return span;
        }
        List<Span.Event> events = Rewrite.list(span.getEventsList(), e -> {
            ctx.spanEvent(e);
            return eventConditions.anyTrue(ctx) ? null : e;
        });
        return events == span.getEventsList() ? span : span.toBuilder().clearEvents().addAllEvents(events).build();
    }

    // ---- metrics

    private Batch filterMetrics(MetricBatch batch) throws Exception {
        if (metricConditions.isEmpty() && pointConditions.isEmpty() && legacyMetrics.isEmpty()) {
            return batch;
        }
        List<ResourceMetrics> rm = Rewrite.list(batch.resourceMetrics(), r -> {
            ctx.resource(r.getResource(), r.getSchemaUrl());
            List<ScopeMetrics> scopes = Rewrite.list(r.getScopeMetricsList(), sm -> {
                ctx.scope(sm.getScope(), sm.getSchemaUrl());
                List<Metric> metrics = Rewrite.list(sm.getMetricsList(), this::filterMetric);
                if (metrics == sm.getMetricsList()) {
                    return sm;
                }
                return metrics.isEmpty() ? null : sm.toBuilder().clearMetrics().addAllMetrics(metrics).build();
            });
            if (scopes == r.getScopeMetricsList()) {
                return r;
            }
            return scopes.isEmpty() ? null : r.toBuilder().clearScopeMetrics().addAllScopeMetrics(scopes).build();
        });
        return rm == batch.resourceMetrics() ? batch : MetricBatch.of(rm, batch.metadata());
    }

    private Metric filterMetric(Metric m) throws Exception {
        ctx.metric(m);
        if (!legacyMetrics.isEmpty() && !legacyMetrics.selectsMetric(ctx.resource(), m)) {
            dropped += MetricBatch.dataPointCount(m);
            return null;
        }
        if (metricConditions.anyTrue(ctx)) {
            dropped += MetricBatch.dataPointCount(m);
            return null;
        }
        if (pointConditions.isEmpty()) {
            return m;
        }
        Metric.Builder b = null;
        switch (m.getDataCase()) {
            case GAUGE -> {
                var pts = Rewrite.list(m.getGauge().getDataPointsList(), this::keepPoint);
                if (pts != m.getGauge().getDataPointsList()) {
                    b = m.toBuilder();
                    b.getGaugeBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            case SUM -> {
                var pts = Rewrite.list(m.getSum().getDataPointsList(), this::keepPoint);
                if (pts != m.getSum().getDataPointsList()) {
                    b = m.toBuilder();
                    b.getSumBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            case HISTOGRAM -> {
                var pts = Rewrite.list(m.getHistogram().getDataPointsList(), this::keepPoint);
                if (pts != m.getHistogram().getDataPointsList()) {
                    b = m.toBuilder();
                    b.getHistogramBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                var pts = Rewrite.list(m.getExponentialHistogram().getDataPointsList(), this::keepPoint);
                if (pts != m.getExponentialHistogram().getDataPointsList()) {
                    b = m.toBuilder();
                    b.getExponentialHistogramBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            case SUMMARY -> {
                var pts = Rewrite.list(m.getSummary().getDataPointsList(), this::keepPoint);
                if (pts != m.getSummary().getDataPointsList()) {
                    b = m.toBuilder();
                    b.getSummaryBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            default -> {
            }
        }
        if (b == null) {
            return m;
        }
        Metric rebuilt = b.build();
        return MetricBatch.dataPointCount(rebuilt) == 0 ? null : rebuilt;
    }

    private <P extends Message> P keepPoint(P point) {
        ctx.dataPoint(point);
        if (pointConditions.anyTrue(ctx)) {
            dropped++;
            return null;
        }
        return point;
    }

    // ---- logs

    private Batch filterLogs(LogBatch batch) throws Exception {
        if (logConditions.isEmpty() && legacyLogs.isEmpty()) {
            return batch;
        }
        List<ResourceLogs> rl = Rewrite.list(batch.resourceLogs(), r -> {
            ctx.resource(r.getResource(), r.getSchemaUrl());
            List<ScopeLogs> scopes = Rewrite.list(r.getScopeLogsList(), sl -> {
                ctx.scope(sl.getScope(), sl.getSchemaUrl());
                List<LogRecord> records = Rewrite.list(sl.getLogRecordsList(), this::filterLog);
                if (records == sl.getLogRecordsList()) {
                    return sl;
                }
                return records.isEmpty() ? null : sl.toBuilder().clearLogRecords().addAllLogRecords(records).build();
            });
            if (scopes == r.getScopeLogsList()) {
                return r;
            }
            return scopes.isEmpty() ? null : r.toBuilder().clearScopeLogs().addAllScopeLogs(scopes).build();
        });
        return rl == batch.resourceLogs() ? batch : LogBatch.of(rl, batch.metadata());
    }

    private LogRecord filterLog(LogRecord r) {
        ctx.log(r);
        if (!legacyLogs.isEmpty() && !legacyLogs.selectsLog(ctx.resource(), ctx.scope(), r)) {
            dropped++;
            return null;
        }
        if (logConditions.anyTrue(ctx)) {
            dropped++;
            return null;
        }
        return r;
    }
}
