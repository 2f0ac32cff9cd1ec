package io.meltgate.ottl.path;

import io.meltgate.ottl.OttlContext;
import io.meltgate.ottl.ParseError;
import io.meltgate.ottl.eval.Expr;
import io.meltgate.ottl.eval.MapAccess;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.List;

/** Paths of the {@code log} context. */
final class LogPaths {

    private LogPaths() {
    }

    static Expr resolve(PathResolver.Request r) throws ParseError {
        if (r.is("attributes")) {
            return r.map(new AttributesPath("attributes", c -> c.log().getAttributesList(),
                    (c, kvs) -> c.logBuilder().clearAttributes().addAllAttributes(kvs)));
        }
        if (r.is("body")) {
            if (r.keys().isEmpty()) {
                return Fields.any("body", c -> c.log().hasBody() ? c.log().getBody() : null,
                        (c, v) -> c.logBuilder().setBody(v));
            }
            return r.keyed(new BodyMap());
        }
        if (r.plain("body", "string")) {
            return Fields.string("body.string", c -> {
                String s = io.meltgate.ottl.eval.Values.asString(io.meltgate.ottl.eval.Values.fromAny(c.log().getBody()));
                return s == null ? "" : s;
            }, (c, v) -> c.logBuilder().setBody(AnyValue.newBuilder().setStringValue(v)));
        }
        if (r.plain("time_unix_nano")) {
            return Fields.int64("time_unix_nano", c -> c.log().getTimeUnixNano(), (c, v) -> c.logBuilder().setTimeUnixNano(v));
        }
        if (r.plain("observed_time_unix_nano")) {
            return Fields.int64("observed_time_unix_nano", c -> c.log().getObservedTimeUnixNano(),
                    (c, v) -> c.logBuilder().setObservedTimeUnixNano(v));
        }
        if (r.plain("severity_number")) {
            return Fields.int64("severity_number", c -> c.log().getSeverityNumberValue(),
                    (c, v) -> c.logBuilder().setSeverityNumberValue((int) v));
        }
        if (r.plain("severity_text")) {
            return Fields.string("severity_text", c -> c.log().getSeverityText(), (c, v) -> c.logBuilder().setSeverityText(v));
        }
        if (r.plain("event_name")) {
            return Fields.string("event_name", c -> c.log().getEventName(), (c, v) -> c.logBuilder().setEventName(v));
        }
        if (r.plain("dropped_attributes_count")) {
            return Fields.int64("dropped_attributes_count", c -> c.log().getDroppedAttributesCount(),
                    (c, v) -> c.logBuilder().setDroppedAttributesCount((int) v));
        }
        if (r.plain("flags")) {
            return Fields.int64("flags", c -> c.log().getFlags() & 0xffffffffL, (c, v) -> c.logBuilder().setFlags((int) v));
        }
        if (r.plain("trace_id")) {
            return Fields.bytes("trace_id", c -> c.log().getTraceId(), (c, v) -> c.logBuilder().setTraceId(v));
        }
        if (r.plain("trace_id", "string")) {
            return Fields.hex("trace_id.string", c -> c.log().getTraceId(), (c, v) -> c.logBuilder().setTraceId(v), 16);
        }
        if (r.plain("span_id")) {
            return Fields.bytes("span_id", c -> c.log().getSpanId(), (c, v) -> c.logBuilder().setSpanId(v));
        }
        if (r.plain("span_id", "string")) {
            return Fields.hex("span_id.string", c -> c.log().getSpanId(), (c, v) -> c.logBuilder().setSpanId(v), 8);
        }
        return null;
    }

    /** A map body seen as a map, for {@code body["key"]}; any other body reads as an empty map. */
    private static final class BodyMap implements MapAccess {
        @Override
        public List<KeyValue> read(OttlContext ctx) {
            AnyValue b = ctx.log().getBody();
            return b.hasKvlistValue() ? b.getKvlistValue().getValuesList() : List.of();
        }

        @Override
        public void write(OttlContext ctx, List<KeyValue> entries) {
            ctx.logBuilder().setBody(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addAllValues(entries)));
        }
    }
}
