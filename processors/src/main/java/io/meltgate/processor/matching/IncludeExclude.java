package io.meltgate.processor.matching;

import io.opentelemetry.proto.common.v1.InstrumentationScopeOrBuilder;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecordOrBuilder;
import io.opentelemetry.proto.metrics.v1.MetricOrBuilder;
import io.opentelemetry.proto.resource.v1.ResourceOrBuilder;
import io.opentelemetry.proto.trace.v1.SpanOrBuilder;
import java.util.List;

/**
 * An {@code include} and an {@code exclude} block together: an item is selected when it matches
 * {@code include} (or there is none) and does not match {@code exclude}.
 */
public final class IncludeExclude {

    private final ItemMatcher include;
    private final ItemMatcher exclude;

    public IncludeExclude(MatchProperties include, MatchProperties exclude) {
        this.include = ItemMatcher.compile(include);
        this.exclude = ItemMatcher.compile(exclude);
    }

    /** Whether neither block is configured (everything is selected). */
    public boolean isEmpty() {
        return include == null && exclude == null;
    }

    public boolean selectsSpan(ResourceOrBuilder r, InstrumentationScopeOrBuilder s, SpanOrBuilder span) {
        return (include == null || include.matchesSpan(r, s, span)) && (exclude == null || !exclude.matchesSpan(r, s, span));
    }

    public boolean selectsLog(ResourceOrBuilder r, InstrumentationScopeOrBuilder s, LogRecordOrBuilder log) {
        return (include == null || include.matchesLog(r, s, log)) && (exclude == null || !exclude.matchesLog(r, s, log));
    }

    public boolean selectsMetric(ResourceOrBuilder r, MetricOrBuilder m) {
        return (include == null || include.matchesMetric(r, m)) && (exclude == null || !exclude.matchesMetric(r, m));
    }

    public boolean selectsDataPoint(ResourceOrBuilder r, InstrumentationScopeOrBuilder s, MetricOrBuilder m,
                                    List<KeyValue> attrs) {
        return (include == null || include.matchesDataPoint(r, s, m, attrs))
                && (exclude == null || !exclude.matchesDataPoint(r, s, m, attrs));
    }
}
