package io.meltgate.ottl;

import static io.meltgate.core.testing.OtlpFixtures.str;
import static io.meltgate.ottl.OttlContextKind.DATAPOINT;
import static io.meltgate.ottl.OttlContextKind.LOG;
import static io.meltgate.ottl.OttlContextKind.METRIC;
import static io.meltgate.ottl.OttlContextKind.RESOURCE;
import static io.meltgate.ottl.OttlContextKind.SPAN;
import static io.meltgate.ottl.OttlContextKind.SPANEVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.ottl.eval.Values;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every editor, and writes through the paths, checked on the rebuilt protobuf items. */
class OttlStatementTest {

    private record Row(String statement, Consumer<Span> check) {
    }

    private static List<String> keys(List<KeyValue> kvs) {
        return kvs.stream().map(KeyValue::getKey).toList();
    }

    private static String attr(Span s, String key) {
        Object v = Values.fromAny(Values.lookup(s.getAttributesList(), key));
        return v == null ? null : Values.asString(v);
    }

    private static final List<Row> SPAN_ROWS = List.of(
            new Row("set(name, \"health\")", s -> assertEquals("health", s.getName())),
            new Row("set(span.name, Concat([name, \"v2\"], \" \"))", s -> assertEquals("GET /health v2", s.getName())),
            new Row("set(kind, SPAN_KIND_CLIENT)", s -> assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, s.getKind())),
            new Row("set(status.code, STATUS_CODE_OK)", s -> assertEquals(1, s.getStatus().getCodeValue())),
            new Row("set(status.message, \"fine\")", s -> assertEquals("fine", s.getStatus().getMessage())),
            new Row("set(start_time_unix_nano, start_time_unix_nano + 5)", s -> assertEquals(1_000_000_005L, s.getStartTimeUnixNano())),
            new Row("set(end_time_unix_nano, 7)", s -> assertEquals(7, s.getEndTimeUnixNano())),
            new Row("set(trace_id.string, \"0102030405060708090a0b0c0d0e0f10\")",
                    s -> assertEquals("0102030405060708090a0b0c0d0e0f10", Values.hex(s.getTraceId()))),
            new Row("set(span_id, 0x0102030405060708)", s -> assertEquals("0102030405060708", Values.hex(s.getSpanId()))),
            new Row("set(parent_span_id.string, \"0000000000000009\")", s -> assertEquals("0000000000000009", Values.hex(s.getParentSpanId()))),
            new Row("set(trace_state, \"a=b\")", s -> assertEquals("a=b", s.getTraceState())),
            new Row("set(trace_state[\"vendor\"], \"xyz\")", s -> assertEquals("vendor=xyz,other=1", s.getTraceState())),
            new Row("set(dropped_attributes_count, 9)", s -> assertEquals(9, s.getDroppedAttributesCount())),
            new Row("set(flags, 1)", s -> assertEquals(1, s.getFlags())),
            new Row("set(attributes[\"env\"], \"prod\")", s -> assertEquals("prod", attr(s, "env"))),
            new Row("set(attributes[\"http.route\"], nil)", s -> assertEquals(null, attr(s, "http.route"))),
            new Row("set(attributes[\"nested\"][\"inner\"], \"y\")",
                    s -> assertEquals("{\"inner\":\"y\",\"list\":[\"a\",\"b\"]}", attr(s, "nested"))),
            new Row("set(attributes[\"nested\"][\"list\"][0], \"z\")",
                    s -> assertEquals("{\"inner\":\"x\",\"list\":[\"z\",\"b\"]}", attr(s, "nested"))),
            new Row("set(attributes[\"code\"], attributes[\"http.status_code\"] * 2)", s -> assertEquals("400", attr(s, "code"))),
            new Row("set(attributes[\"copy\"], attributes[\"nested\"])", s -> assertEquals(attr(s, "nested"), attr(s, "copy"))),
            new Row("set(attributes, {\"only\": 1})", s -> assertEquals(List.of("only"), keys(s.getAttributesList()))),
            new Row("delete_key(attributes, \"password\")", s -> assertFalse(keys(s.getAttributesList()).contains("password"))),
            new Row("delete_key(attributes[\"nested\"], \"inner\")", s -> assertEquals("{\"list\":[\"a\",\"b\"]}", attr(s, "nested"))),
            new Row("delete_matching_keys(attributes, \"^http\\\\.\")",
                    s -> assertEquals(List.of("ratio", "cached", "nested", "password", "user.email"), keys(s.getAttributesList()))),
            new Row("keep_keys(attributes, [\"http.route\", \"cached\"])",
                    s -> assertEquals(List.of("http.route", "cached"), keys(s.getAttributesList()))),
            new Row("keep_matching_keys(attributes, \"^(user|ratio)\")",
                    s -> assertEquals(List.of("ratio", "user.email"), keys(s.getAttributesList()))),
            new Row("limit(attributes, 2, [\"password\"])",
                    s -> assertEquals(List.of("http.route", "password"), keys(s.getAttributesList()))),
            new Row("limit(attributes, 3)", s -> assertEquals(List.of("http.route", "http.status_code", "ratio"), keys(s.getAttributesList()))),
            new Row("truncate_all(attributes, 3)", s -> {
                assertEquals("/he", attr(s, "http.route"));
                assertEquals("hun", attr(s, "password"));
                assertEquals("200", attr(s, "http.status_code"));
            }),
            new Row("replace_pattern(attributes[\"user.email\"], \"^(\\\\w+)@(.*)$\", \"$1 at ${2}\")",
                    s -> assertEquals("Ann at Example.com", attr(s, "user.email"))),
            new Row("replace_pattern(name, \"/(\\\\w+)\", \"/$$1\")", s -> assertEquals("GET /$1", s.getName())),
            new Row("replace_pattern(attributes[\"password\"], \"^(.*)$\", \"$1\", SHA256, \"hash:%s\")",
                    s -> assertEquals("hash:f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7", attr(s, "password"))),
            new Row("replace_all_patterns(attributes, \"value\", \"[a-z]\", \"*\")", s -> {
                assertEquals("/******", attr(s, "http.route"));
                assertEquals("200", attr(s, "http.status_code"));
            }),
            new Row("replace_all_patterns(attributes, \"key\", \"^http\\\\.\", \"h.\")",
                    s -> assertEquals("h.route", s.getAttributes(0).getKey())),
            new Row("replace_match(name, \"GET /*\", \"GET /{path}\")", s -> assertEquals("GET /{path}", s.getName())),
            new Row("replace_match(name, \"POST *\", \"x\")", s -> assertEquals("GET /health", s.getName())),
            new Row("replace_match(attributes[\"user.email\"], \"*@*\", \"redacted\", ToUpperCase)",
                    s -> assertEquals("REDACTED", attr(s, "user.email"))),
            new Row("replace_all_matches(attributes, \"/h?alth\", \"/probe\")", s -> assertEquals("/probe", attr(s, "http.route"))),
            new Row("merge_maps(attributes, attributes[\"nested\"], \"upsert\")", s -> assertEquals("x", attr(s, "inner"))),
            new Row("merge_maps(attributes, {\"ratio\": 1, \"new\": 2}, \"insert\")", s -> {
                assertEquals("0.25", attr(s, "ratio"));
                assertEquals("2", attr(s, "new"));
            }),
            new Row("merge_maps(attributes, {\"ratio\": 1, \"new\": 2}, \"update\")", s -> {
                assertEquals("1", attr(s, "ratio"));
                assertEquals(null, attr(s, "new"));
            }),
            new Row("set(attributes[\"slow\"], true) where end_time_unix_nano - start_time_unix_nano > 1000000000",
                    s -> assertEquals("true", attr(s, "slow"))),
            new Row("set(attributes[\"rt\"], resource.attributes[\"service.name\"]) where kind == SPAN_KIND_SERVER",
                    s -> assertEquals("checkout", attr(s, "rt"))));

    @TestFactory
    Stream<DynamicTest> everyEditorOnSpans() {
        return SPAN_ROWS.stream().map(r -> DynamicTest.dynamicTest(r.statement, () -> {
            OttlContext c = Data.context(SPAN);
            OttlParser.parseStatement(r.statement, SPAN).execute(c);
            r.check.accept(c.buildSpan());
        }));
    }

    @Test
    void aStatementThatChangesNothingLeavesTheSameInstance() throws ParseError {
        for (String s : List.of("set(name, \"GET /health\")", "delete_key(attributes, \"absent\")",
                "keep_keys(attributes, [\"http.route\", \"http.status_code\", \"ratio\", \"cached\", \"nested\", \"password\", \"user.email\"])",
                "replace_pattern(name, \"^POST\", \"x\")", "truncate_all(attributes, 100)", "limit(attributes, 50)",
                "set(attributes[\"http.status_code\"], 200)", "set(name, \"x\") where kind == SPAN_KIND_CLIENT",
                "merge_maps(attributes, {\"ratio\": 0.25}, \"upsert\")")) {
            OttlContext c = Data.context(SPAN);
            OttlParser.parseStatement(s, SPAN).execute(c);
            assertFalse(c.spanEdited(), s);
            assertSame(Data.SPAN, c.buildSpan(), s);
        }
    }

    @Test
    void whereFalseSkipsTheEditor() throws ParseError {
        Statement s = OttlParser.parseStatement("set(name, \"x\") where name == \"other\"", SPAN);
        assertFalse(s.execute(Data.context(SPAN)));
    }

    @Test
    void resourceScopeAndEventWrites() throws ParseError {
        OttlContext c = Data.context(SPANEVENT);
        OttlParser.parseStatement("set(resource.attributes[\"region\"], \"eu\")", SPANEVENT).execute(c);
        OttlParser.parseStatement("set(instrumentation_scope.version, \"3\")", SPANEVENT).execute(c);
        OttlParser.parseStatement("set(name, \"error\")", SPANEVENT).execute(c);
        OttlParser.parseStatement("set(attributes[\"exception.type\"], ToLowerCase(attributes[\"exception.type\"]))", SPANEVENT).execute(c);
        OttlParser.parseStatement("set(span.attributes[\"had_error\"], true)", SPANEVENT).execute(c);
        assertEquals("eu", c.buildResource().getAttributes(2).getValue().getStringValue());
        assertEquals("3", c.buildScope().getVersion());
        assertEquals("error", c.buildSpanEvent().getName());
        assertEquals("ioexception", c.buildSpanEvent().getAttributes(0).getValue().getStringValue());
        assertTrue(c.buildSpan().getAttributesList().stream().anyMatch(kv -> kv.getKey().equals("had_error")));
        OttlContext r = Data.context(RESOURCE);
        OttlParser.parseStatement("delete_key(attributes, \"host.name\")", RESOURCE).execute(r);
        assertEquals(List.of("service.name"), keys(r.buildResource().getAttributesList()));
    }

    @Test
    void metricDataPointAndLogWrites() throws ParseError {
        OttlContext m = Data.context(METRIC);
        OttlParser.parseStatement("set(name, Concat([\"app\", name], \".\"))", METRIC).execute(m);
        OttlParser.parseStatement("set(unit, \"1\")", METRIC).execute(m);
        OttlParser.parseStatement("set(description, \"d\")", METRIC).execute(m);
        OttlParser.parseStatement("set(aggregation_temporality, AGGREGATION_TEMPORALITY_DELTA)", METRIC).execute(m);
        OttlParser.parseStatement("set(is_monotonic, false)", METRIC).execute(m);
        var metric = m.buildMetric();
        assertEquals("app.http.requests", metric.getName());
        assertEquals("1", metric.getUnit());
        assertEquals("d", metric.getDescription());
        assertEquals(1, metric.getSum().getAggregationTemporalityValue());
        assertFalse(metric.getSum().getIsMonotonic());

        OttlContext d = Data.context(DATAPOINT);
        OttlParser.parseStatement("set(value_int, value_int * 10)", DATAPOINT).execute(d);
        OttlParser.parseStatement("set(attributes[\"route\"], \"/x\") where metric.name == \"http.requests\"", DATAPOINT).execute(d);
        OttlParser.parseStatement("set(time_unix_nano, 99)", DATAPOINT).execute(d);
        OttlParser.parseStatement("set(start_time_unix_nano, 98)", DATAPOINT).execute(d);
        OttlParser.parseStatement("set(flags, 0)", DATAPOINT).execute(d);
        NumberDataPoint p = (NumberDataPoint) d.buildDataPoint();
        assertEquals(420, p.getAsInt());
        assertEquals("/x", p.getAttributes(0).getValue().getStringValue());
        assertEquals(99, p.getTimeUnixNano());
        assertEquals(98, p.getStartTimeUnixNano());
        assertEquals(0, p.getFlags());
        OttlContext d2 = Data.context(DATAPOINT);
        OttlParser.parseStatement("set(value_double, 1.5)", DATAPOINT).execute(d2);
        assertEquals(1.5, ((NumberDataPoint) d2.buildDataPoint()).getAsDouble());

        OttlContext h = new OttlContext().metric(Data.HISTOGRAM).dataPoint(Data.HIST_POINT);
        OttlParser.parseStatement("set(count, 13)", DATAPOINT).execute(h);
        OttlParser.parseStatement("set(sum, 1.0)", DATAPOINT).execute(h);
        OttlParser.parseStatement("set(value_int, 5)", DATAPOINT).execute(h);
        var hp = (io.opentelemetry.proto.metrics.v1.HistogramDataPoint) h.buildDataPoint();
        assertEquals(13, hp.getCount());
        assertEquals(1.0, hp.getSum());

        OttlContext l = Data.context(LOG);
        OttlParser.parseStatement("replace_pattern(body, \"password=\\\\S+\", \"password=***\")", LOG).execute(l);
        OttlParser.parseStatement("set(severity_number, SEVERITY_NUMBER_ERROR) where severity_text == \"WARN\"", LOG).execute(l);
        OttlParser.parseStatement("set(severity_text, \"ERROR\")", LOG).execute(l);
        OttlParser.parseStatement("set(event_name, \"auth\")", LOG).execute(l);
        OttlParser.parseStatement("set(attributes[\"trace\"], trace_id.string)", LOG).execute(l);
        OttlParser.parseStatement("set(time_unix_nano, observed_time_unix_nano)", LOG).execute(l);
        OttlParser.parseStatement("set(span_id.string, \"0000000000000001\")", LOG).execute(l);
        LogRecord r = l.buildLog();
        assertEquals("user password=*** logged in", r.getBody().getStringValue());
        assertEquals(17, r.getSeverityNumberValue());
        assertEquals("ERROR", r.getSeverityText());
        assertEquals("auth", r.getEventName());
        assertEquals("5b8efff798038103d269b633813fc60c", r.getAttributes(1).getValue().getStringValue());
        assertEquals(200, r.getTimeUnixNano());
        assertEquals("0000000000000001", Values.hex(r.getSpanId()));

        OttlContext b = new OttlContext().log(Data.MAP_BODY_LOG);
        OttlParser.parseStatement("set(body[\"msg\"], \"bye\")", LOG).execute(b);
        OttlParser.parseStatement("delete_key(body, \"code\")", LOG).execute(b);
        assertEquals(List.of(str("msg", "bye")), b.buildLog().getBody().getKvlistValue().getValuesList());
    }

    @Test
    void errorModesDecideWhatAFailureDoes() throws ParseError {
        List<Statement> statements = OttlParser.parseStatements(List.of(
                "set(attributes[\"a\"], ToUpperCase(attributes[\"http.status_code\"]))", "set(name, \"after\")"), SPAN);
        OttlContext ignore = Data.context(SPAN);
        new StatementSequence(SPAN, statements, null, ErrorMode.IGNORE, "test").execute(ignore);
        assertEquals("after", ignore.buildSpan().getName(), "ignore: the next statement still runs");
        OttlContext silent = Data.context(SPAN);
        new StatementSequence(SPAN, statements, null, ErrorMode.SILENT, "test").execute(silent);
        assertEquals("after", silent.buildSpan().getName());
        StatementSequence propagate = new StatementSequence(SPAN, statements, null, ErrorMode.PROPAGATE, "test");
        assertThrows(OttlEvalException.class, () -> propagate.execute(Data.context(SPAN)));

        List<Condition> conditions = OttlParser.parseConditions(List.of("Len(attributes[\"missing\"]) > 0", "name == \"GET /health\""), SPAN);
        assertTrue(new ConditionSet(conditions, ErrorMode.IGNORE, "t").anyTrue(Data.context(SPAN)),
                "ignore: a failing condition is false and the next one decides");
        assertThrows(OttlEvalException.class,
                () -> new ConditionSet(conditions, ErrorMode.PROPAGATE, "t").anyTrue(Data.context(SPAN)));
    }

    @Test
    void contextsAreInferredFromPathPrefixes() {
        assertEquals(RESOURCE, OttlParser.inferContext("set(resource.attributes[\"a\"], \"b\")", io.meltgate.core.signal.Signal.TRACES));
        assertEquals(SPAN, OttlParser.inferContext("set(span.name, resource.attributes[\"a\"])", io.meltgate.core.signal.Signal.TRACES));
        assertEquals(SPANEVENT, OttlParser.inferContext("set(spanevent.name, span.name)", io.meltgate.core.signal.Signal.TRACES));
        assertEquals(DATAPOINT, OttlParser.inferContext("set(datapoint.attributes[\"a\"], metric.name)", io.meltgate.core.signal.Signal.METRICS));
        assertEquals(METRIC, OttlParser.inferContext("set(metric.name, \"x\")", io.meltgate.core.signal.Signal.METRICS));
        assertEquals(OttlContextKind.INSTRUMENTATION_SCOPE, OttlParser.inferContext("set(scope.name, \"x\")", io.meltgate.core.signal.Signal.LOGS));
        assertEquals(LOG, OttlParser.inferContext("set(attributes[\"x\"], 1)", io.meltgate.core.signal.Signal.LOGS));
    }
}
