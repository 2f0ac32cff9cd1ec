package io.meltgate.ottl;

import static io.meltgate.core.testing.OtlpFixtures.bool;
import static io.meltgate.core.testing.OtlpFixtures.dbl;
import static io.meltgate.core.testing.OtlpFixtures.integer;
import static io.meltgate.core.testing.OtlpFixtures.str;

import com.google.protobuf.ByteString;
import io.meltgate.ottl.eval.Values;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/** Hand-made items with known values for the engine tests. */
final class Data {

    static final ByteString TRACE_ID = Values.unhex("5b8efff798038103d269b633813fc60c");
    static final ByteString SPAN_ID = Values.unhex("eee19b7ec3c1b174");
    static final ByteString PARENT_ID = Values.unhex("eee19b7ec3c1b173");

    static final Resource RESOURCE = Resource.newBuilder().addAttributes(str("service.name", "checkout"))
            .addAttributes(str("host.name", "pod-7")).setDroppedAttributesCount(1).build();

    static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder().setName("io.shop.http")
            .setVersion("2.1.0").addAttributes(str("lib", "netty")).setDroppedAttributesCount(2).build();

    static final KeyValue NESTED = KeyValue.newBuilder().setKey("nested").setValue(AnyValue.newBuilder()
            .setKvlistValue(KeyValueList.newBuilder().addValues(str("inner", "x"))
                    .addValues(KeyValue.newBuilder().setKey("list").setValue(AnyValue.newBuilder()
                            .setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue("a"))
                                    .addValues(AnyValue.newBuilder().setStringValue("b"))))))).build();

    static final Span SPAN = Span.newBuilder().setTraceId(TRACE_ID).setSpanId(SPAN_ID).setParentSpanId(PARENT_ID)
            .setTraceState("vendor=abc,other=1").setName("GET /health").setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(1_000_000_000L).setEndTimeUnixNano(3_500_000_000L)
            .addAttributes(str("http.route", "/health")).addAttributes(integer("http.status_code", 200))
            .addAttributes(dbl("ratio", 0.25)).addAttributes(bool("cached", true)).addAttributes(NESTED)
            .addAttributes(str("password", "hunter2")).addAttributes(str("user.email", "Ann@Example.com"))
            .setDroppedAttributesCount(3).setDroppedEventsCount(4).setDroppedLinksCount(5).setFlags(257)
            .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(2_000_000_000L)
                    .addAttributes(str("exception.type", "IOException")).setDroppedAttributesCount(6))
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
            .build();

    static final Metric SUM = Metric.newBuilder().setName("http.requests").setDescription("Requests").setUnit("{request}")
            .setSum(Sum.newBuilder().setIsMonotonic(true)
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(NumberDataPoint.newBuilder().setAsInt(42).setStartTimeUnixNano(10).setTimeUnixNano(20)
                            .setFlags(1).addAttributes(str("route", "/a")))
                    .addDataPoints(NumberDataPoint.newBuilder().setAsInt(7).addAttributes(str("route", "/b"))))
            .build();

    static final HistogramDataPoint HIST_POINT = HistogramDataPoint.newBuilder().setCount(12).setSum(340.5)
            .addBucketCounts(5).addBucketCounts(7).addExplicitBounds(100).addAttributes(str("route", "/c"))
            .setTimeUnixNano(30).build();

    static final Metric HISTOGRAM = Metric.newBuilder().setName("latency").setUnit("ms")
            .setHistogram(Histogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(HIST_POINT)).build();

    static final LogRecord LOG = LogRecord.newBuilder().setTimeUnixNano(100).setObservedTimeUnixNano(200)
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN).setSeverityText("WARN")
            .setBody(AnyValue.newBuilder().setStringValue("user password=secret logged in"))
            .addAttributes(str("log.file.name", "app.log")).setDroppedAttributesCount(1).setFlags(1)
            .setTraceId(TRACE_ID).setSpanId(SPAN_ID).setEventName("login").build();

    static final LogRecord MAP_BODY_LOG = LOG.toBuilder().setBody(AnyValue.newBuilder().setKvlistValue(
            KeyValueList.newBuilder().addValues(str("msg", "hi")).addValues(integer("code", 3)))).build();

    private Data() {
    }

    /** A context filled for the given kind with the items above. */
    static OttlContext context(OttlContextKind kind) {
        OttlContext c = new OttlContext().resource(RESOURCE, "https://schema/1").scope(SCOPE, "https://schema/s");
        switch (kind) {
            case SPAN -> c.span(SPAN);
            case SPANEVENT -> c.span(SPAN).spanEvent(SPAN.getEvents(0));
            case METRIC -> c.metric(SUM);
            case DATAPOINT -> c.metric(SUM).dataPoint(SUM.getSum().getDataPoints(0));
            case LOG -> c.log(LOG);
            default -> {
            }
        }
        return c;
    }
}
