package io.meltgate.exporter.jaeger;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.meltgate.exporter.jaeger.proto.Batch;
import io.meltgate.exporter.jaeger.proto.KeyValue;
import io.meltgate.exporter.jaeger.proto.Log;
import io.meltgate.exporter.jaeger.proto.Process;
import io.meltgate.exporter.jaeger.proto.Span;
import io.meltgate.exporter.jaeger.proto.SpanRef;
import io.meltgate.exporter.jaeger.proto.SpanRefType;
import io.meltgate.exporter.jaeger.proto.ValueType;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP spans to Jaeger's api_v2 model, as the Collector's Jaeger translator (pkg/translator/jaeger,
 * traces_to_jaegerproto) did. One Jaeger {@link Batch} per OTLP resource:
 *
 * <ul>
 *   <li>the resource becomes the batch's {@link Process}: {@code service.name} its service name
 *       ({@value #NO_SERVICE_NAME} when absent), every other attribute a process tag;</li>
 *   <li>attributes become typed tags: string, bool, int64, float64, bytes as BINARY; arrays and maps as
 *       STRING holding their JSON;</li>
 *   <li>span kind becomes {@code span.kind} (client, server, producer, consumer, internal; none when
 *       unspecified); status ERROR becomes {@code otel.status_code=ERROR} and {@code error=true}, OK
 *       {@code otel.status_code=OK}, and a status message {@code otel.status_description};</li>
 *   <li>the scope becomes {@code otel.scope.name}/{@code otel.scope.version} and the older
 *       {@code otel.library.name}/{@code otel.library.version};</li>
 *   <li>trace state becomes {@code w3c.tracestate}; non-zero dropped counts become
 *       {@code otel.dropped_attributes_count}, {@code otel.dropped_events_count},
 *       {@code otel.dropped_links_count};</li>
 *   <li>events become logs (timestamp, an {@code event} field with the event's name, then its attributes);
 *       the parent becomes a CHILD_OF reference and each link a FOLLOWS_FROM reference (with the link's trace
 *       id);</li>
 *   <li>ids keep their 128 and 64 bits; start and duration keep nanosecond precision; the W3C sampled flag
 *       becomes Jaeger's sampled flag (1).</li>
 * </ul>
 */
public final class JaegerTranslator {

    public static final String NO_SERVICE_NAME = "OTLPResourceNoServiceName";

    private JaegerTranslator() {
    }

    /** One Jaeger batch per resource, in order; resources without spans are skipped. */
    public static List<Batch> toBatches(List<ResourceSpans> resourceSpans) {
        List<Batch> out = new ArrayList<>(resourceSpans.size());
        for (ResourceSpans rs : resourceSpans) {
            Batch.Builder batch = Batch.newBuilder().setProcess(process(rs.getResource()));
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                List<KeyValue> scopeTags = scopeTags(ss.getScope());
                for (io.opentelemetry.proto.trace.v1.Span span : ss.getSpansList()) {
                    batch.addSpans(span(span, scopeTags));
                }
            }
            if (batch.getSpansCount() > 0) {
                out.add(batch.build());
            }
        }
        return out;
    }

    static Process process(Resource resource) {
        Process.Builder p = Process.newBuilder().setServiceName(NO_SERVICE_NAME);
        for (io.opentelemetry.proto.common.v1.KeyValue kv : resource.getAttributesList()) {
            if (kv.getKey().equals("service.name") && kv.getValue().hasStringValue()) {
                p.setServiceName(kv.getValue().getStringValue());
            } else {
                p.addTags(tag(kv.getKey(), kv.getValue()));
            }
        }
        return p.build();
    }

    static List<KeyValue> scopeTags(InstrumentationScope scope) {
        List<KeyValue> tags = new ArrayList<>(4);
        if (!scope.getName().isEmpty()) {
            tags.add(string("otel.scope.name", scope.getName()));
            tags.add(string("otel.library.name", scope.getName()));
        }
        if (!scope.getVersion().isEmpty()) {
            tags.add(string("otel.scope.version", scope.getVersion()));
            tags.add(string("otel.library.version", scope.getVersion()));
        }
        return tags;
    }

    static Span span(io.opentelemetry.proto.trace.v1.Span s, List<KeyValue> scopeTags) {
        Span.Builder j = Span.newBuilder()
                .setTraceId(s.getTraceId())
                .setSpanId(s.getSpanId())
                .setOperationName(s.getName())
                .setFlags((s.getFlags() & 0x01) != 0 ? 1 : 0)
                .setStartTime(timestamp(s.getStartTimeUnixNano()))
                .setDuration(duration(s.getEndTimeUnixNano() - s.getStartTimeUnixNano()));
        if (!s.getParentSpanId().isEmpty()) {
            j.addReferences(reference(s.getTraceId(), s.getParentSpanId(), SpanRefType.CHILD_OF));
        }
        for (io.opentelemetry.proto.trace.v1.Span.Link link : s.getLinksList()) {
            j.addReferences(reference(link.getTraceId(), link.getSpanId(), SpanRefType.FOLLOWS_FROM));
        }
        for (io.opentelemetry.proto.common.v1.KeyValue kv : s.getAttributesList()) {
            j.addTags(tag(kv.getKey(), kv.getValue()));
        }
        j.addAllTags(scopeTags);
        String kind = kind(s.getKind());
        if (kind != null) {
            j.addTags(string("span.kind", kind));
        }
        Status status = s.getStatus();
        if (status.getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
            j.addTags(string("otel.status_code", "ERROR"));
            j.addTags(KeyValue.newBuilder().setKey("error").setVType(ValueType.BOOL).setVBool(true).build());
        } else if (status.getCode() == Status.StatusCode.STATUS_CODE_OK) {
            j.addTags(string("otel.status_code", "OK"));
        }
        if (!status.getMessage().isEmpty()) {
            j.addTags(string("otel.status_description", status.getMessage()));
        }
        if (!s.getTraceState().isEmpty()) {
            j.addTags(string("w3c.tracestate", s.getTraceState()));
        }
        addCount(j, "otel.dropped_attributes_count", s.getDroppedAttributesCount());
        addCount(j, "otel.dropped_events_count", s.getDroppedEventsCount());
        addCount(j, "otel.dropped_links_count", s.getDroppedLinksCount());
        for (io.opentelemetry.proto.trace.v1.Span.Event e : s.getEventsList()) {
            j.addLogs(log(e));
        }
        return j.build();
    }

    private static void addCount(Span.Builder j, String key, int count) {
        if (count > 0) {
            j.addTags(KeyValue.newBuilder().setKey(key).setVType(ValueType.INT64).setVInt64(count).build());
        }
    }

    static Log log(io.opentelemetry.proto.trace.v1.Span.Event e) {
        Log.Builder log = Log.newBuilder().setTimestamp(timestamp(e.getTimeUnixNano()));
        boolean hasEventAttribute = e.getAttributesList().stream().anyMatch(kv -> kv.getKey().equals("event"));
        if (!e.getName().isEmpty() && !hasEventAttribute) {
            log.addFields(string("event", e.getName()));
        }
        for (io.opentelemetry.proto.common.v1.KeyValue kv : e.getAttributesList()) {
            log.addFields(tag(kv.getKey(), kv.getValue()));
        }
        return log.build();
    }

    static String kind(io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_CLIENT -> "client";
            case SPAN_KIND_SERVER -> "server";
            case SPAN_KIND_PRODUCER -> "producer";
            case SPAN_KIND_CONSUMER -> "consumer";
            case SPAN_KIND_INTERNAL -> "internal";
            default -> null;
        };
    }

    private static SpanRef reference(ByteString traceId, ByteString spanId, SpanRefType type) {
        return SpanRef.newBuilder().setTraceId(traceId).setSpanId(spanId).setRefType(type).build();
    }

    static KeyValue tag(String key, AnyValue v) {
        KeyValue.Builder kv = KeyValue.newBuilder().setKey(key);
        switch (v.getValueCase()) {
            case STRING_VALUE -> kv.setVType(ValueType.STRING).setVStr(v.getStringValue());
            case BOOL_VALUE -> kv.setVType(ValueType.BOOL).setVBool(v.getBoolValue());
            case INT_VALUE -> kv.setVType(ValueType.INT64).setVInt64(v.getIntValue());
            case DOUBLE_VALUE -> kv.setVType(ValueType.FLOAT64).setVFloat64(v.getDoubleValue());
            case BYTES_VALUE -> kv.setVType(ValueType.BINARY).setVBinary(v.getBytesValue());
            case ARRAY_VALUE, KVLIST_VALUE -> kv.setVType(ValueType.STRING).setVStr(json(v));
            default -> kv.setVType(ValueType.STRING).setVStr("");
        }
        return kv.build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setVType(ValueType.STRING).setVStr(value).build();
    }

    /** An array or map attribute as JSON, as the Collector's {@code Value.AsString()} writes it. */
    static String json(AnyValue v) {
        StringBuilder sb = new StringBuilder();
        writeJson(sb, v);
        return sb.toString();
    }

    private static void writeJson(StringBuilder sb, AnyValue v) {
        switch (v.getValueCase()) {
            case STRING_VALUE -> quote(sb, v.getStringValue());
            case BOOL_VALUE -> sb.append(v.getBoolValue());
            case INT_VALUE -> sb.append(v.getIntValue());
            case DOUBLE_VALUE -> sb.append(jsonDouble(v.getDoubleValue()));
            case BYTES_VALUE -> quote(sb, java.util.Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayValue a = v.getArrayValue();
                sb.append('[');
                for (int i = 0; i < a.getValuesCount(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    writeJson(sb, a.getValues(i));
                }
                sb.append(']');
            }
            case KVLIST_VALUE -> {
                KeyValueList l = v.getKvlistValue();
                sb.append('{');
                for (int i = 0; i < l.getValuesCount(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    quote(sb, l.getValues(i).getKey());
                    sb.append(':');
                    writeJson(sb, l.getValues(i).getValue());
                }
                sb.append('}');
            }
            default -> sb.append("null");
        }
    }

    private static String jsonDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "\"" + d + "\"";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    static Timestamp timestamp(long unixNanos) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(unixNanos, 1_000_000_000L))
                .setNanos((int) Math.floorMod(unixNanos, 1_000_000_000L)).build();
    }

    static Duration duration(long nanos) {
        long n = Math.max(0, nanos);
        return Duration.newBuilder().setSeconds(n / 1_000_000_000L).setNanos((int) (n % 1_000_000_000L)).build();
    }
}
