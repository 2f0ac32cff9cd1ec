package io.meltgate.ottl.path;

import io.meltgate.ottl.ParseError;
import io.meltgate.ottl.eval.Expr;
import io.meltgate.ottl.eval.MapAccess;
import io.meltgate.ottl.eval.Settable;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/** Paths of the {@code span} and {@code spanevent} contexts. */
final class SpanPaths {

    private static final String[] KIND_NAMES = {"Unspecified", "Internal", "Server", "Client", "Producer", "Consumer"};

    private SpanPaths() {
    }

    static Expr resolve(PathResolver.Request r) throws ParseError {
        if (r.is("attributes")) {
            return r.map(new AttributesPath("attributes", c -> c.span().getAttributesList(),
                    (c, kvs) -> c.spanBuilder().clearAttributes().addAllAttributes(kvs)));
        }
        if (r.plain("trace_id")) {
            return Fields.bytes("trace_id", c -> c.span().getTraceId(), (c, v) -> c.spanBuilder().setTraceId(v));
        }
        if (r.plain("trace_id", "string")) {
            return Fields.hex("trace_id.string", c -> c.span().getTraceId(), (c, v) -> c.spanBuilder().setTraceId(v), 16);
        }
        if (r.plain("span_id")) {
            return Fields.bytes("span_id", c -> c.span().getSpanId(), (c, v) -> c.spanBuilder().setSpanId(v));
        }
        if (r.plain("span_id", "string")) {
            return Fields.hex("span_id.string", c -> c.span().getSpanId(), (c, v) -> c.spanBuilder().setSpanId(v), 8);
        }
        if (r.plain("parent_span_id")) {
            return Fields.bytes("parent_span_id", c -> c.span().getParentSpanId(),
                    (c, v) -> c.spanBuilder().setParentSpanId(v));
        }
        if (r.plain("parent_span_id", "string")) {
            return Fields.hex("parent_span_id.string", c -> c.span().getParentSpanId(),
                    (c, v) -> c.spanBuilder().setParentSpanId(v), 8);
        }
        if (r.is("trace_state")) {
            Settable whole = Fields.string("trace_state", c -> c.span().getTraceState(),
                    (c, v) -> c.spanBuilder().setTraceState(v));
            if (r.keys().isEmpty()) {
                return whole;
            }
            if (r.keys().size() != 1) {
                throw r.noKeys();
            }
            return r.keyed(new TraceStateAccess());
        }
        if (r.plain("name")) {
            return Fields.string("name", c -> c.span().getName(), (c, v) -> c.spanBuilder().setName(v));
        }
        if (r.plain("kind")) {
            return Fields.int64("kind", c -> c.span().getKindValue(), (c, v) -> c.spanBuilder().setKindValue((int) v));
        }
        if (r.plain("kind", "string")) {
            return Fields.string("kind.string", c -> {
                int k = c.span().getKindValue();
                return k >= 0 && k < KIND_NAMES.length ? KIND_NAMES[k] : "";
            }, (c, v) -> {
                for (int i = 0; i < KIND_NAMES.length; i++) {
                    if (KIND_NAMES[i].equals(v)) {
                        c.spanBuilder().setKindValue(i);
                    }
                }
            });
        }
        if (r.plain("start_time_unix_nano")) {
            return Fields.int64("start_time_unix_nano", c -> c.span().getStartTimeUnixNano(),
                    (c, v) -> c.spanBuilder().setStartTimeUnixNano(v));
        }
        if (r.plain("end_time_unix_nano")) {
            return Fields.int64("end_time_unix_nano", c -> c.span().getEndTimeUnixNano(),
                    (c, v) -> c.spanBuilder().setEndTimeUnixNano(v));
        }
        if (r.plain("dropped_attributes_count")) {
            return Fields.int64("dropped_attributes_count", c -> c.span().getDroppedAttributesCount(),
                    (c, v) -> c.spanBuilder().setDroppedAttributesCount((int) v));
        }
        if (r.plain("dropped_events_count")) {
            return Fields.int64("dropped_events_count", c -> c.span().getDroppedEventsCount(),
                    (c, v) -> c.spanBuilder().setDroppedEventsCount((int) v));
        }
        if (r.plain("dropped_links_count")) {
            return Fields.int64("dropped_links_count", c -> c.span().getDroppedLinksCount(),
                    (c, v) -> c.spanBuilder().setDroppedLinksCount((int) v));
        }
        if (r.plain("flags")) {
            return Fields.int64("flags", c -> c.span().getFlags() & 0xffffffffL,
                    (c, v) -> c.spanBuilder().setFlags((int) v));
        }
        if (r.plain("status", "code")) {
            return Fields.int64("status.code", c -> c.span().getStatus().getCodeValue(),
                    (c, v) -> c.spanBuilder().setStatus(c.span().getStatus().toBuilder().setCodeValue((int) v)));
        }
        if (r.plain("status", "message")) {
            return Fields.string("status.message", c -> c.span().getStatus().getMessage(),
                    (c, v) -> c.spanBuilder().setStatus(c.span().getStatus().toBuilder().setMessage(v)));
        }
        if (r.plain("events", "count") || r.plain("links", "count")) {
            boolean events = r.fields().get(0).equals("events");
            return Fields.int64(r.text(), c -> events ? c.span().getEventsCount() : c.span().getLinksCount(),
                    (c, v) -> { });
        }
        return null;
    }

    static Expr event(PathResolver.Request r) throws ParseError {
        if (r.is("attributes")) {
            return r.map(new AttributesPath("spanevent.attributes", c -> c.spanEvent().getAttributesList(),
                    (c, kvs) -> c.spanEventBuilder().clearAttributes().addAllAttributes(kvs)));
        }
        if (r.plain("name")) {
            return Fields.string("spanevent.name", c -> c.spanEvent().getName(),
                    (c, v) -> c.spanEventBuilder().setName(v));
        }
        if (r.plain("time_unix_nano")) {
            return Fields.int64("spanevent.time_unix_nano", c -> c.spanEvent().getTimeUnixNano(),
                    (c, v) -> c.spanEventBuilder().setTimeUnixNano(v));
        }
        if (r.plain("dropped_attributes_count")) {
            return Fields.int64("spanevent.dropped_attributes_count", c -> c.spanEvent().getDroppedAttributesCount(),
                    (c, v) -> c.spanEventBuilder().setDroppedAttributesCount((int) v));
        }
        return null;
    }

    /** W3C trace state as a map: {@code trace_state["vendor"]}. */
    private static final class TraceStateAccess implements MapAccess {
        @Override
        public List<KeyValue> read(io.meltgate.ottl.OttlContext ctx) {
            String ts = ctx.span().getTraceState();
            if (ts.isEmpty()) {
                return List.of();
            }
            java.util.ArrayList<KeyValue> out = new java.util.ArrayList<>();
            for (String member : ts.split(",")) {
                int eq = member.indexOf('=');
                if (eq > 0) {
                    out.add(KeyValue.newBuilder().setKey(member.substring(0, eq).trim())
                            .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder()
                                    .setStringValue(member.substring(eq + 1).trim())).build());
                }
            }
            return out;
        }

        @Override
        public void write(io.meltgate.ottl.OttlContext ctx, List<KeyValue> entries) {
            StringBuilder sb = new StringBuilder();
            for (KeyValue kv : entries) {
                if (kv.getValue().hasStringValue()) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(kv.getKey()).append('=').append(kv.getValue().getStringValue());
                }
            }
            ctx.spanBuilder().setTraceState(sb.toString());
        }
    }
}
