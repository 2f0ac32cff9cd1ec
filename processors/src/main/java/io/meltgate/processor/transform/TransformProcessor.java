package io.meltgate.processor.transform;

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
import io.meltgate.ottl.StatementSequence;
import io.meltgate.processor.support.Rewrite;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the statement groups of its signal over each batch, in order, each group over the whole batch at the
 * level of its context (once per resource, scope, span, span event, metric, data point or log record). Only
 * what a statement changed is rebuilt (the item, then its scope and resource lists); a batch nothing changed in
 * is passed on as the same instance.
 */
final class TransformProcessor implements Processor {

    private final Signal signal;
    private final BatchConsumer next;
    private final OttlContext ctx = new OttlContext();
    private final List<StatementSequence> groups = new ArrayList<>();

    TransformProcessor(ComponentContext context, TransformSettings s, Signal signal, BatchConsumer next) throws Exception {
        this.signal = signal;
        this.next = next;
        String owner = "processor " + context.id();
        for (StatementGroup g : s.groups(signal)) {
            var mode = g.errorMode() != null ? g.errorMode() : s.errorMode();
            ConditionSet gate = g.conditions() == null || g.conditions().isEmpty() ? null
                    : new ConditionSet(OttlParser.parseConditions(g.conditions(), g.context()), mode, owner);
            groups.add(new StatementSequence(g.context(), OttlParser.parseStatements(g.statements(), g.context()), gate,
                    mode, owner));
        }
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        Batch out = batch;
        try {
            for (StatementSequence seq : groups) {
                out = switch (signal) {
                    case TRACES -> traces((SpanBatch) out, seq);
                    case METRICS -> metrics((MetricBatch) out, seq);
                    case LOGS -> logs((LogBatch) out, seq);
                };
            }
        } catch (OttlEvalException e) {
            throw ConsumeException.permanent("transform: " + e.getMessage());
        } catch (ConsumeException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw ConsumeException.permanent("transform: " + e.getMessage(), e);
        }
        next.consume(out);
    }

    // ---- traces

    private SpanBatch traces(SpanBatch batch, StatementSequence seq) throws Exception {
        OttlContextKind k = seq.context();
        List<ResourceSpans> rs = Rewrite.list(batch.resourceSpans(), r -> {
            ctx.resource(r.getResource(), r.getSchemaUrl());
            List<ScopeSpans> scopes = r.getScopeSpansList();
            if (k == OttlContextKind.RESOURCE) {
                seq.execute(ctx);
            } else {
                scopes = Rewrite.list(scopes, ss -> {
                    ctx.scope(ss.getScope(), ss.getSchemaUrl());
                    List<Span> spans = ss.getSpansList();
                    if (k == OttlContextKind.INSTRUMENTATION_SCOPE) {
                        seq.execute(ctx);
                    } else {
                        spans = Rewrite.list(spans, sp -> span(sp, seq));
                    }
                    boolean scopeChanged = ctx.scopeEdited() || !ctx.scopeSchemaUrl().equals(ss.getSchemaUrl());
                    if (spans == ss.getSpansList() && !scopeChanged) {
                        return ss;
                    }
                    ScopeSpans.Builder b = ss.toBuilder().setScope(ctx.buildScope()).setSchemaUrl(ctx.scopeSchemaUrl());
                    return spans == ss.getSpansList() ? b.build() : b.clearSpans().addAllSpans(spans).build();
                });
            }
            boolean resourceChanged = ctx.resourceEdited() || !ctx.resourceSchemaUrl().equals(r.getSchemaUrl());
            if (scopes == r.getScopeSpansList() && !resourceChanged) {
                return r;
            }
            ResourceSpans.Builder b = r.toBuilder().setResource(ctx.buildResource()).setSchemaUrl(ctx.resourceSchemaUrl());
            return scopes == r.getScopeSpansList() ? b.build() : b.clearScopeSpans().addAllScopeSpans(scopes).build();
        });
        return rs == batch.resourceSpans() ? batch : SpanBatch.of(rs, batch.metadata());
    }

    private Span span(Span sp, StatementSequence seq) throws Exception {
        ctx.span(sp);
        if (seq.context() == OttlContextKind.SPAN) {
            seq.execute(ctx);
        } else if (sp.getEventsCount() > 0) {
            List<Span.Event> events = Rewrite.list(sp.getEventsList(), e -> {
                ctx.spanEvent(e);
                seq.execute(ctx);
                return ctx.spanEventEdited() ? ctx.buildSpanEvent() : e;
            });
            if (events != sp.getEventsList()) {
                ctx.spanBuilder().clearEvents().addAllEvents(events);
            }
        }
        return ctx.spanEdited() ? ctx.buildSpan() : sp;
    }

    // ---- metrics

    private MetricBatch metrics(MetricBatch batch, StatementSequence seq) throws Exception {
        OttlContextKind k = seq.context();
        List<ResourceMetrics> rm = Rewrite.list(batch.resourceMetrics(), r -> {
            ctx.resource(r.getResource(), r.getSchemaUrl());
            List<ScopeMetrics> scopes = r.getScopeMetricsList();
            if (k == OttlContextKind.RESOURCE) {
                seq.execute(ctx);
            } else {
                scopes = Rewrite.list(scopes, sm -> {
                    ctx.scope(sm.getScope(), sm.getSchemaUrl());
                    List<Metric> metrics = sm.getMetricsList();
                    if (k == OttlContextKind.INSTRUMENTATION_SCOPE) {
                        seq.execute(ctx);
                    } else {
                        metrics = Rewrite.list(metrics, m -> metric(m, seq));
                    }
                    boolean scopeChanged = ctx.scopeEdited() || !ctx.scopeSchemaUrl().equals(sm.getSchemaUrl());
                    if (metrics == sm.getMetricsList() && !scopeChanged) {
                        return sm;
                    }
                    ScopeMetrics.Builder b = sm.toBuilder().setScope(ctx.buildScope()).setSchemaUrl(ctx.scopeSchemaUrl());
                    return metrics == sm.getMetricsList() ? b.build() : b.clearMetrics().addAllMetrics(metrics).build();
                });
            }
            boolean resourceChanged = ctx.resourceEdited() || !ctx.resourceSchemaUrl().equals(r.getSchemaUrl());
            if (scopes == r.getScopeMetricsList() && !resourceChanged) {
                return r;
            }
            ResourceMetrics.Builder b = r.toBuilder().setResource(ctx.buildResource()).setSchemaUrl(ctx.resourceSchemaUrl());
            return scopes == r.getScopeMetricsList() ? b.build() : b.clearScopeMetrics().addAllScopeMetrics(scopes).build();
        });
        return rm == batch.resourceMetrics() ? batch : MetricBatch.of(rm, batch.metadata());
    }

    private Metric metric(Metric m, StatementSequence seq) throws Exception {
        ctx.metric(m);
        if (seq.context() == OttlContextKind.METRIC) {
            seq.execute(ctx);
            return ctx.metricEdited() ? ctx.buildMetric() : m;
        }
        switch (m.getDataCase()) {
            case GAUGE -> {
                var pts = Rewrite.list(m.getGauge().getDataPointsList(), p -> point(p, seq));
                if (pts != m.getGauge().getDataPointsList()) {
                    ctx.metricBuilder().getGaugeBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            case SUM -> {
                var pts = Rewrite.list(m.getSum().getDataPointsList(), p -> point(p, seq));
                if (pts != m.getSum().getDataPointsList()) {
                    ctx.metricBuilder().getSumBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            case HISTOGRAM -> {
                var pts = Rewrite.list(m.getHistogram().getDataPointsList(), p -> point(p, seq));
                if (pts != m.getHistogram().getDataPointsList()) {
                    ctx.metricBuilder().getHistogramBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                var pts = Rewrite.list(m.getExponentialHistogram().getDataPointsList(), p -> point(p, seq));
                if (pts != m.getExponentialHistogram().getDataPointsList()) {
                    ctx.metricBuilder().getExponentialHistogramBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            case SUMMARY -> {
                var pts = Rewrite.list(m.getSummary().getDataPointsList(), p -> point(p, seq));
                if (pts != m.getSummary().getDataPointsList()) {
                    ctx.metricBuilder().getSummaryBuilder().clearDataPoints().addAllDataPoints(pts);
                }
            }
            default -> {
            }
        }
        return ctx.metricEdited() ? ctx.buildMetric() : m;
    }

    @SuppressWarnings("unchecked")
    private <P extends Message> P point(P p, StatementSequence seq) {
        ctx.dataPoint(p);
        seq.execute(ctx);
        return ctx.dataPointEdited() ? (P) ctx.buildDataPoint() : p;
    }

    // ---- logs

    private LogBatch logs(LogBatch batch, StatementSequence seq) throws Exception {
        OttlContextKind k = seq.context();
        List<ResourceLogs> rl = Rewrite.list(batch.resourceLogs(), r -> {
            ctx.resource(r.getResource(), r.getSchemaUrl());
            List<ScopeLogs> scopes = r.getScopeLogsList();
            if (k == OttlContextKind.RESOURCE) {
                seq.execute(ctx);
            } else {
                scopes = Rewrite.list(scopes, sl -> {
                    ctx.scope(sl.getScope(), sl.getSchemaUrl());
                    List<LogRecord> records = sl.getLogRecordsList();
                    if (k == OttlContextKind.INSTRUMENTATION_SCOPE) {
                        seq.execute(ctx);
                    } else {
                        records = Rewrite.list(records, lr -> {
                            ctx.log(lr);
                            seq.execute(ctx);
                            return ctx.logEdited() ? ctx.buildLog() : lr;
                        });
                    }
                    boolean scopeChanged = ctx.scopeEdited() || !ctx.scopeSchemaUrl().equals(sl.getSchemaUrl());
                    if (records == sl.getLogRecordsList() && !scopeChanged) {
                        return sl;
                    }
                    ScopeLogs.Builder b = sl.toBuilder().setScope(ctx.buildScope()).setSchemaUrl(ctx.scopeSchemaUrl());
                    return records == sl.getLogRecordsList() ? b.build() : b.clearLogRecords().addAllLogRecords(records).build();
                });
            }
            boolean resourceChanged = ctx.resourceEdited() || !ctx.resourceSchemaUrl().equals(r.getSchemaUrl());
            if (scopes == r.getScopeLogsList() && !resourceChanged) {
                return r;
            }
            ResourceLogs.Builder b = r.toBuilder().setResource(ctx.buildResource()).setSchemaUrl(ctx.resourceSchemaUrl());
            return scopes == r.getScopeLogsList() ? b.build() : b.clearScopeLogs().addAllScopeLogs(scopes).build();
        });
        return rl == batch.resourceLogs() ? batch : LogBatch.of(rl, batch.metadata());
    }
}
