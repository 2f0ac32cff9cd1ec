package io.meltgate.processor.attributes;

import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.processor.matching.IncludeExclude;
import io.meltgate.processor.support.Rewrite;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Applies the actions to the attributes of every selected span, log record or data point. Only items whose
 * attributes changed are rebuilt, with their scope and resource lists; an untouched batch passes as itself.
 */
final class AttributesProcessor implements Processor {

    private final AttributeActions actions;
    private final IncludeExclude select;
    private final Signal signal;
    private final BatchConsumer next;

    AttributesProcessor(AttributesSettings s, Signal signal, BatchConsumer next) {
        this.actions = new AttributeActions(s.actions());
        this.select = new IncludeExclude(s.include(), s.exclude());
        this.signal = signal;
        this.next = next;
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        Batch out;
        try {
            out = switch (signal) {
                case TRACES -> traces((SpanBatch) batch);
                case METRICS -> metrics((MetricBatch) batch);
                case LOGS -> logs((LogBatch) batch);
            };
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw ConsumeException.permanent("attributes: " + e.getMessage(), e);
        }
        next.consume(out);
    }

    private SpanBatch traces(SpanBatch batch) throws Exception {
        RequestMetadata md = batch.metadata();
        List<ResourceSpans> rs = Rewrite.list(batch.resourceSpans(), r -> {
            var scopes = Rewrite.list(r.getScopeSpansList(), ss -> {
                var spans = Rewrite.list(ss.getSpansList(), sp -> {
                    if (!select.isEmpty() && !select.selectsSpan(r.getResource(), ss.getScope(), sp)) {
                        return sp;
                    }
                    List<KeyValue> attrs = actions.apply(sp.getAttributesList(), md);
                    return attrs == sp.getAttributesList() ? sp : sp.toBuilder().clearAttributes().addAllAttributes(attrs).build();
                });
                return spans == ss.getSpansList() ? ss : ss.toBuilder().clearSpans().addAllSpans(spans).build();
            });
            return scopes == r.getScopeSpansList() ? r : r.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build();
        });
        return rs == batch.resourceSpans() ? batch : SpanBatch.of(rs, md);
    }

    private LogBatch logs(LogBatch batch) throws Exception {
        RequestMetadata md = batch.metadata();
        List<ResourceLogs> rl = Rewrite.list(batch.resourceLogs(), r -> {
            var scopes = Rewrite.list(r.getScopeLogsList(), sl -> {
                var records = Rewrite.list(sl.getLogRecordsList(), lr -> {
                    if (!select.isEmpty() && !select.selectsLog(r.getResource(), sl.getScope(), lr)) {
                        return lr;
                    }
                    List<KeyValue> attrs = actions.apply(lr.getAttributesList(), md);
                    return attrs == lr.getAttributesList() ? lr : lr.toBuilder().clearAttributes().addAllAttributes(attrs).build();
                });
                return records == sl.getLogRecordsList() ? sl : sl.toBuilder().clearLogRecords().addAllLogRecords(records).build();
            });
            return scopes == r.getScopeLogsList() ? r : r.toBuilder().clearScopeLogs().addAllScopeLogs(scopes).build();
        });
        return rl == batch.resourceLogs() ? batch : LogBatch.of(rl, md);
    }

    private MetricBatch metrics(MetricBatch batch) throws Exception {
        RequestMetadata md = batch.metadata();
        List<ResourceMetrics> rm = Rewrite.list(batch.resourceMetrics(), r -> {
            var scopes = Rewrite.list(r.getScopeMetricsList(), sm -> {
                var metrics = Rewrite.list(sm.getMetricsList(), m -> metric(r, sm.getScope(), m, md));
                return metrics == sm.getMetricsList() ? sm : sm.toBuilder().clearMetrics().addAllMetrics(metrics).build();
            });
            return scopes == r.getScopeMetricsList() ? r : r.toBuilder().clearScopeMetrics().addAllScopeMetrics(scopes).build();
        });
        return rm == batch.resourceMetrics() ? batch : MetricBatch.of(rm, md);
    }

    private boolean selected(ResourceMetrics r, io.opentelemetry.proto.common.v1.InstrumentationScope s, Metric m,
                             List<KeyValue> attrs) {
        return select.isEmpty() || select.selectsDataPoint(r.getResource(), s, m, attrs);
    }

    private Metric metric(ResourceMetrics r, io.opentelemetry.proto.common.v1.InstrumentationScope s, Metric m,
                          RequestMetadata md) throws Exception {
        switch (m.getDataCase()) {
            case GAUGE -> {
                List<NumberDataPoint> pts = points(r, s, m, md, m.getGauge().getDataPointsList(),
                        NumberDataPoint::getAttributesList, (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
                return pts == m.getGauge().getDataPointsList() ? m
                        : m.toBuilder().setGauge(m.getGauge().toBuilder().clearDataPoints().addAllDataPoints(pts)).build();
            }
            case SUM -> {
                List<NumberDataPoint> pts = points(r, s, m, md, m.getSum().getDataPointsList(),
                        NumberDataPoint::getAttributesList, (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
                return pts == m.getSum().getDataPointsList() ? m
                        : m.toBuilder().setSum(m.getSum().toBuilder().clearDataPoints().addAllDataPoints(pts)).build();
            }
            case HISTOGRAM -> {
                List<HistogramDataPoint> pts = points(r, s, m, md, m.getHistogram().getDataPointsList(),
                        HistogramDataPoint::getAttributesList, (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
                return pts == m.getHistogram().getDataPointsList() ? m
                        : m.toBuilder().setHistogram(m.getHistogram().toBuilder().clearDataPoints().addAllDataPoints(pts)).build();
            }
            case EXPONENTIAL_HISTOGRAM -> {
                List<ExponentialHistogramDataPoint> pts = points(r, s, m, md, m.getExponentialHistogram().getDataPointsList(),
                        ExponentialHistogramDataPoint::getAttributesList,
                        (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
                return pts == m.getExponentialHistogram().getDataPointsList() ? m : m.toBuilder().setExponentialHistogram(
                        m.getExponentialHistogram().toBuilder().clearDataPoints().addAllDataPoints(pts)).build();
            }
            case SUMMARY -> {
                List<SummaryDataPoint> pts = points(r, s, m, md, m.getSummary().getDataPointsList(),
                        SummaryDataPoint::getAttributesList, (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
                return pts == m.getSummary().getDataPointsList() ? m
                        : m.toBuilder().setSummary(m.getSummary().toBuilder().clearDataPoints().addAllDataPoints(pts)).build();
            }
            default -> {
                return m;
            }
        }
    }

    /** The points with the actions applied to the selected ones' attributes; the same list when none changes. */
    private <P> List<P> points(ResourceMetrics r, io.opentelemetry.proto.common.v1.InstrumentationScope s, Metric m,
                               RequestMetadata md, List<P> in, Function<P, List<KeyValue>> attributes,
                               BiFunction<P, List<KeyValue>, P> withAttributes) throws Exception {
        return Rewrite.list(in, p -> {
            List<KeyValue> before = attributes.apply(p);
            if (!selected(r, s, m, before)) {
                return p;
            }
            List<KeyValue> after = actions.apply(before, md);
            return after == before ? p : withAttributes.apply(p, after);
        });
    }
}
