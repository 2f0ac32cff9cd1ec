package io.meltgate.ottl;

import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.InstrumentationScopeOrBuilder;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogRecordOrBuilder;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricOrBuilder;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.resource.v1.ResourceOrBuilder;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.SpanOrBuilder;

/**
 * The item an OTTL condition or statement is evaluated against, with the levels above it: a reusable holder
 * that a component fills for each item ({@link #forSpan}, {@link #forLog}, ...) and then hands to
 * {@link Condition#eval} or {@link Statement#execute}. Filling it allocates nothing.
 *
 * <p>Data is immutable protobuf. An editor that changes a level asks for that level's builder, made on first
 * use from the message; from then on reads see the builder. After the statements of an item ran, the
 * component asks {@code xEdited()} and takes {@code buildX()} to rebuild only what changed.
 *
 * <p>Not thread-safe: one per pipeline thread (or per caller).
 */
public final class OttlContext {

    private ResourceOrBuilder resource;
    private Resource.Builder resourceBuilder;
    private String resourceSchemaUrl = "";
    private InstrumentationScopeOrBuilder scope;
    private InstrumentationScope.Builder scopeBuilder;
    private String scopeSchemaUrl = "";
    private SpanOrBuilder span;
    private Span.Builder spanBuilder;
    private Span.EventOrBuilder spanEvent;
    private Span.Event.Builder spanEventBuilder;
    private MetricOrBuilder metric;
    private Metric.Builder metricBuilder;
    private MessageOrBuilder dataPoint;
    private Message.Builder dataPointBuilder;
    private LogRecordOrBuilder log;
    private LogRecord.Builder logBuilder;

    // ---- filling

    /** Sets the resource level (and forgets any builder of it); returns this. */
    public OttlContext resource(Resource r, String schemaUrl) {
        resource = r;
        resourceBuilder = null;
        resourceSchemaUrl = schemaUrl == null ? "" : schemaUrl;
        return this;
    }

    /** Sets the scope level (and forgets any builder of it); returns this. */
    public OttlContext scope(InstrumentationScope s, String schemaUrl) {
        scope = s;
        scopeBuilder = null;
        scopeSchemaUrl = schemaUrl == null ? "" : schemaUrl;
        return this;
    }

    public OttlContext span(Span s) {
        span = s;
        spanBuilder = null;
        return this;
    }

    public OttlContext spanEvent(Span.Event e) {
        spanEvent = e;
        spanEventBuilder = null;
        return this;
    }

    public OttlContext metric(Metric m) {
        metric = m;
        metricBuilder = null;
        return this;
    }

    /** A NumberDataPoint, HistogramDataPoint, ExponentialHistogramDataPoint or SummaryDataPoint. */
    public OttlContext dataPoint(Message point) {
        dataPoint = point;
        dataPointBuilder = null;
        return this;
    }

    public OttlContext log(LogRecord r) {
        log = r;
        logBuilder = null;
        return this;
    }

    /** Fills the context for one span: the common case of the tail-sampling and filter components. */
    public OttlContext forSpan(Resource r, InstrumentationScope s, Span sp) {
        return resource(r, "").scope(s, "").span(sp);
    }

    public OttlContext forLog(Resource r, InstrumentationScope s, LogRecord record) {
        return resource(r, "").scope(s, "").log(record);
    }

    // ---- reading (the builder once one exists)

    public ResourceOrBuilder resource() {
        return resourceBuilder != null ? resourceBuilder : resource != null ? resource : Resource.getDefaultInstance();
    }

    public String resourceSchemaUrl() {
        return resourceSchemaUrl;
    }

    public InstrumentationScopeOrBuilder scope() {
        return scopeBuilder != null ? scopeBuilder : scope != null ? scope : InstrumentationScope.getDefaultInstance();
    }

    public String scopeSchemaUrl() {
        return scopeSchemaUrl;
    }

    public SpanOrBuilder span() {
        return spanBuilder != null ? spanBuilder : span != null ? span : Span.getDefaultInstance();
    }

    public Span.EventOrBuilder spanEvent() {
        return spanEventBuilder != null ? spanEventBuilder : spanEvent != null ? spanEvent : Span.Event.getDefaultInstance();
    }

    public MetricOrBuilder metric() {
        return metricBuilder != null ? metricBuilder : metric != null ? metric : Metric.getDefaultInstance();
    }

    /** The data point or its builder; null outside the datapoint context. */
    public MessageOrBuilder dataPoint() {
        return dataPointBuilder != null ? dataPointBuilder : dataPoint;
    }

    public LogRecordOrBuilder log() {
        return logBuilder != null ? logBuilder : log != null ? log : LogRecord.getDefaultInstance();
    }

    // ---- editing

    public void resourceSchemaUrl(String url) {
        resourceSchemaUrl = url;
    }

    public void scopeSchemaUrl(String url) {
        scopeSchemaUrl = url;
    }

    public Resource.Builder resourceBuilder() {
        if (resourceBuilder == null) {
            resourceBuilder = resource != null ? ((Resource) resource).toBuilder() : Resource.newBuilder();
        }
        return resourceBuilder;
    }

    public InstrumentationScope.Builder scopeBuilder() {
        if (scopeBuilder == null) {
            scopeBuilder = scope != null ? ((InstrumentationScope) scope).toBuilder() : InstrumentationScope.newBuilder();
        }
        return scopeBuilder;
    }

    public Span.Builder spanBuilder() {
        if (spanBuilder == null) {
            spanBuilder = span != null ? ((Span) span).toBuilder() : Span.newBuilder();
        }
        return spanBuilder;
    }

    public Span.Event.Builder spanEventBuilder() {
        if (spanEventBuilder == null) {
            spanEventBuilder = spanEvent != null ? ((Span.Event) spanEvent).toBuilder() : Span.Event.newBuilder();
        }
        return spanEventBuilder;
    }

    public Metric.Builder metricBuilder() {
        if (metricBuilder == null) {
            metricBuilder = metric != null ? ((Metric) metric).toBuilder() : Metric.newBuilder();
        }
        return metricBuilder;
    }

    /** The builder of the current data point; null outside the datapoint context. */
    public Message.Builder dataPointBuilder() {
        if (dataPointBuilder == null && dataPoint != null) {
            dataPointBuilder = ((Message) dataPoint).toBuilder();
        }
        return dataPointBuilder;
    }

    public LogRecord.Builder logBuilder() {
        if (logBuilder == null) {
            logBuilder = log != null ? ((LogRecord) log).toBuilder() : LogRecord.newBuilder();
        }
        return logBuilder;
    }

    // ---- results

    public boolean resourceEdited() {
        return resourceBuilder != null;
    }

    public boolean scopeEdited() {
        return scopeBuilder != null;
    }

    public boolean spanEdited() {
        return spanBuilder != null;
    }

    public boolean spanEventEdited() {
        return spanEventBuilder != null;
    }

    public boolean metricEdited() {
        return metricBuilder != null;
    }

    public boolean dataPointEdited() {
        return dataPointBuilder != null;
    }

    public boolean logEdited() {
        return logBuilder != null;
    }

    /** The resource as edited, or as given when unchanged; later reads see the result. */
    public Resource buildResource() {
        if (resourceBuilder != null) {
            resource = resourceBuilder.build();
            resourceBuilder = null;
        }
        return resource != null ? (Resource) resource : Resource.getDefaultInstance();
    }

    public InstrumentationScope buildScope() {
        if (scopeBuilder != null) {
            scope = scopeBuilder.build();
            scopeBuilder = null;
        }
        return scope != null ? (InstrumentationScope) scope : InstrumentationScope.getDefaultInstance();
    }

    public Span buildSpan() {
        if (spanBuilder != null) {
            span = spanBuilder.build();
            spanBuilder = null;
        }
        return (Span) span;
    }

    public Span.Event buildSpanEvent() {
        if (spanEventBuilder != null) {
            spanEvent = spanEventBuilder.build();
            spanEventBuilder = null;
        }
        return (Span.Event) spanEvent;
    }

    public Metric buildMetric() {
        if (metricBuilder != null) {
            metric = metricBuilder.build();
            metricBuilder = null;
        }
        return (Metric) metric;
    }

    public Message buildDataPoint() {
        if (dataPointBuilder != null) {
            dataPoint = dataPointBuilder.build();
            dataPointBuilder = null;
        }
        return (Message) dataPoint;
    }

    public LogRecord buildLog() {
        if (logBuilder != null) {
            log = logBuilder.build();
            logBuilder = null;
        }
        return (LogRecord) log;
    }
}
