package io.meltgate.ottl;

import static io.meltgate.ottl.OttlContextKind.DATAPOINT;
import static io.meltgate.ottl.OttlContextKind.INSTRUMENTATION_SCOPE;
import static io.meltgate.ottl.OttlContextKind.LOG;
import static io.meltgate.ottl.OttlContextKind.METRIC;
import static io.meltgate.ottl.OttlContextKind.RESOURCE;
import static io.meltgate.ottl.OttlContextKind.SPAN;
import static io.meltgate.ottl.OttlContextKind.SPANEVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Conditions of every path of every context, every converter and the comparison rules, against the known items
 * of {@link Data}. Each row holds a condition that must be true and one that must be false, so a path that
 * reads the wrong field fails one of them.
 */
class OttlConditionTest {

    private record Row(OttlContextKind kind, String isTrue, String isFalse) {
    }

    private static Row row(OttlContextKind kind, String isTrue, String isFalse) {
        return new Row(kind, isTrue, isFalse);
    }

    private static final List<Row> PATHS = List.of(
            // resource
            row(RESOURCE, "attributes[\"service.name\"] == \"checkout\"", "attributes[\"service.name\"] == \"cart\""),
            row(RESOURCE, "Len(attributes) == 2", "Len(attributes) == 3"),
            row(RESOURCE, "dropped_attributes_count == 1", "dropped_attributes_count == 0"),
            row(RESOURCE, "schema_url == \"https://schema/1\"", "schema_url == \"\""),
            row(SPAN, "resource.attributes[\"host.name\"] == \"pod-7\"", "resource.attributes[\"host.name\"] == nil"),
            row(SPAN, "resource.dropped_attributes_count == 1", "resource.dropped_attributes_count > 1"),
            // instrumentation_scope
            row(INSTRUMENTATION_SCOPE, "name == \"io.shop.http\"", "name == \"x\""),
            row(INSTRUMENTATION_SCOPE, "version == \"2.1.0\"", "version != \"2.1.0\""),
            row(INSTRUMENTATION_SCOPE, "attributes[\"lib\"] == \"netty\"", "attributes[\"lib\"] == \"grpc\""),
            row(INSTRUMENTATION_SCOPE, "dropped_attributes_count == 2", "dropped_attributes_count == 1"),
            row(INSTRUMENTATION_SCOPE, "schema_url == \"https://schema/s\"", "schema_url == \"https://schema/1\""),
            row(SPAN, "instrumentation_scope.name == \"io.shop.http\"", "instrumentation_scope.version == \"1\""),
            row(LOG, "scope.name == \"io.shop.http\"", "scope.attributes[\"lib\"] == nil"),
            // span
            row(SPAN, "trace_id == 0x5b8efff798038103d269b633813fc60c", "trace_id == 0x00000000000000000000000000000001"),
            row(SPAN, "trace_id.string == \"5b8efff798038103d269b633813fc60c\"", "trace_id.string == \"\""),
            row(SPAN, "span_id == 0xeee19b7ec3c1b174", "span_id == 0xeee19b7ec3c1b173"),
            row(SPAN, "span_id.string == \"eee19b7ec3c1b174\"", "span_id.string == \"eee19b7ec3c1b173\""),
            row(SPAN, "parent_span_id.string == \"eee19b7ec3c1b173\"", "parent_span_id == span_id"),
            row(SPAN, "trace_state == \"vendor=abc,other=1\"", "trace_state == \"\""),
            row(SPAN, "trace_state[\"vendor\"] == \"abc\"", "trace_state[\"missing\"] != nil"),
            row(SPAN, "name == \"GET /health\"", "name == \"GET /\""),
            row(SPAN, "span.name == \"GET /health\"", "span.name != \"GET /health\""),
            row(SPAN, "kind == SPAN_KIND_SERVER", "kind == SPAN_KIND_CLIENT"),
            row(SPAN, "kind == 2", "kind != 2"),
            row(SPAN, "kind.string == \"Server\"", "kind.string == \"Client\""),
            row(SPAN, "start_time_unix_nano == 1000000000", "start_time_unix_nano > 1000000000"),
            row(SPAN, "end_time_unix_nano == 3500000000", "end_time_unix_nano < 3500000000"),
            row(SPAN, "end_time_unix_nano - start_time_unix_nano > 1000000000",
                    "end_time_unix_nano - start_time_unix_nano > 3000000000"),
            row(SPAN, "(end_time_unix_nano - start_time_unix_nano) / 1000000 == 2500",
                    "(end_time_unix_nano - start_time_unix_nano) * 2 == 2500"),
            row(SPAN, "attributes[\"http.route\"] == \"/health\"", "attributes[\"http.route\"] == \"/\""),
            row(SPAN, "attributes[\"http.status_code\"] == 200", "attributes[\"http.status_code\"] >= 400"),
            row(SPAN, "attributes[\"http.status_code\"] == 200.0", "attributes[\"http.status_code\"] == \"200\""),
            row(SPAN, "attributes[\"ratio\"] < 0.5", "attributes[\"ratio\"] > 0.5"),
            row(SPAN, "attributes[\"cached\"] == true", "attributes[\"cached\"] == false"),
            row(SPAN, "attributes[\"nested\"][\"inner\"] == \"x\"", "attributes[\"nested\"][\"inner\"] == nil"),
            row(SPAN, "attributes[\"nested\"][\"list\"][1] == \"b\"", "attributes[\"nested\"][\"list\"][2] != nil"),
            row(SPAN, "attributes[\"missing\"] == nil", "attributes[\"missing\"] != nil"),
            row(SPAN, "dropped_attributes_count == 3", "dropped_attributes_count == 0"),
            row(SPAN, "dropped_events_count == 4", "dropped_events_count == 0"),
            row(SPAN, "dropped_links_count == 5", "dropped_links_count == 0"),
            row(SPAN, "flags == 257", "flags == 1"),
            row(SPAN, "status.code == STATUS_CODE_ERROR", "status.code == STATUS_CODE_OK"),
            row(SPAN, "status.message == \"boom\"", "status.message == \"\""),
            row(SPAN, "events.count == 1", "links.count == 1"),
            // spanevent
            row(SPANEVENT, "name == \"exception\"", "name == \"GET /health\""),
            row(SPANEVENT, "spanevent.name == \"exception\"", "spanevent.name == nil"),
            row(SPANEVENT, "time_unix_nano == 2000000000", "time_unix_nano == 0"),
            row(SPANEVENT, "attributes[\"exception.type\"] == \"IOException\"", "attributes[\"http.route\"] != nil"),
            row(SPANEVENT, "dropped_attributes_count == 6", "dropped_attributes_count == 3"),
            row(SPANEVENT, "span.name == \"GET /health\"", "span.kind == SPAN_KIND_CLIENT"),
            // metric
            row(METRIC, "name == \"http.requests\"", "name == \"latency\""),
            row(METRIC, "metric.name == \"http.requests\"", "metric.unit == \"ms\""),
            row(METRIC, "description == \"Requests\"", "description == \"\""),
            row(METRIC, "unit == \"{request}\"", "unit == \"1\""),
            row(METRIC, "type == METRIC_DATA_TYPE_SUM", "type == METRIC_DATA_TYPE_GAUGE"),
            row(METRIC, "aggregation_temporality == AGGREGATION_TEMPORALITY_CUMULATIVE",
                    "aggregation_temporality == AGGREGATION_TEMPORALITY_DELTA"),
            row(METRIC, "is_monotonic == true", "is_monotonic == false"),
            row(METRIC, "data_points.count == 2", "data_points.count == 1"),
            row(METRIC, "HasAttrKeyOnDatapoint(\"route\")", "HasAttrKeyOnDatapoint(\"method\")"),
            row(METRIC, "HasAttrOnDatapoint(\"route\", \"/b\")", "HasAttrOnDatapoint(\"route\", \"/z\")"),
            // datapoint
            row(DATAPOINT, "attributes[\"route\"] == \"/a\"", "attributes[\"route\"] == \"/b\""),
            row(DATAPOINT, "datapoint.attributes[\"route\"] == \"/a\"", "Len(datapoint.attributes) == 0"),
            row(DATAPOINT, "value_int == 42", "value_int == 7"),
            row(DATAPOINT, "value_double == nil", "value_double != nil"),
            row(DATAPOINT, "start_time_unix_nano == 10", "start_time_unix_nano == 0"),
            row(DATAPOINT, "time_unix_nano == 20", "time_unix_nano == 10"),
            row(DATAPOINT, "flags == FLAG_NO_RECORDED_VALUE", "flags == FLAG_NONE"),
            row(DATAPOINT, "count == nil and sum == nil", "count != nil"),
            row(DATAPOINT, "metric.name == \"http.requests\"", "metric.type == METRIC_DATA_TYPE_HISTOGRAM"),
            // log
            row(LOG, "time_unix_nano == 100", "time_unix_nano == 200"),
            row(LOG, "observed_time_unix_nano == 200", "observed_time_unix_nano == 100"),
            row(LOG, "severity_number == SEVERITY_NUMBER_WARN", "severity_number < SEVERITY_NUMBER_WARN"),
            row(LOG, "severity_number >= SEVERITY_NUMBER_INFO and severity_number < SEVERITY_NUMBER_ERROR",
                    "severity_number >= SEVERITY_NUMBER_ERROR"),
            row(LOG, "severity_text == \"WARN\"", "severity_text == \"INFO\""),
            row(LOG, "body == \"user password=secret logged in\"", "body == \"\""),
            row(LOG, "body.string == \"user password=secret logged in\"", "body.string == \"x\""),
            row(LOG, "attributes[\"log.file.name\"] == \"app.log\"", "attributes[\"log.file.name\"] == nil"),
            row(LOG, "log.attributes[\"log.file.name\"] == \"app.log\"", "log.dropped_attributes_count == 0"),
            row(LOG, "dropped_attributes_count == 1", "dropped_attributes_count == 2"),
            row(LOG, "flags == 1", "flags == 0"),
            row(LOG, "trace_id.string == \"5b8efff798038103d269b633813fc60c\"", "trace_id == 0x00"),
            row(LOG, "span_id.string == \"eee19b7ec3c1b174\"", "span_id.string == \"\""),
            row(LOG, "event_name == \"login\"", "event_name == \"\""));

    private static final List<Row> OPERATORS = List.of(
            row(SPAN, "1 < 2", "2 < 1"),
            row(SPAN, "1 <= 1 and 2 >= 2", "1 > 1 or 1 != 1"),
            row(SPAN, "not (1 == 2)", "not true"),
            row(SPAN, "true or false and false", "(true or false) and false"),
            row(SPAN, "\"a\" < \"b\"", "\"b\" < \"a\""),
            row(SPAN, "1 == 1.0", "1 == \"1\""),
            row(SPAN, "nil == nil", "nil != nil"),
            row(SPAN, "false < true", "true < false"),
            row(SPAN, "2 + 3 * 4 == 14", "(2 + 3) * 4 == 14"),
            row(SPAN, "-5 + 10 == 5", "-5 == 5"),
            row(SPAN, "7 / 2 == 3", "7 / 2 == 3.5"),
            row(SPAN, "7.0 / 2 == 3.5", "1.5 * 2 != 3"),
            row(SPAN, "1e3 == 1000", "1e3 == 1001"),
            row(SPAN, "not (nil < 1) and not (nil > 1)", "nil < 1"),
            row(SPAN, "\"a\" != 1", "\"a\" == 1"),
            row(SPAN, "[1, 2] == [1, 2]", "[1, 2] == [2, 1]"),
            row(SPAN, "{\"a\": 1} == {\"a\": 1}", "{\"a\": 1} == {\"a\": 2}"),
            row(SPAN, "0x0102 < 0x0103", "0x0102 == 0x0103"),
            row(SPAN, "\"tab\\there\" == \"tab\there\"", "\"a\\\"b\" == \"a\""));

    private static final List<Row> CONVERTERS = List.of(
            row(SPAN, "IsMatch(name, \"^GET /he.*\")", "IsMatch(name, \"^POST\")"),
            row(SPAN, "IsMatch(attributes[\"http.status_code\"], \"^2\\d\\d$\")", "IsMatch(attributes[\"missing\"], \".*\")"),
            row(SPAN, "IsString(attributes[\"http.route\"])", "IsString(attributes[\"http.status_code\"])"),
            row(SPAN, "IsInt(attributes[\"http.status_code\"])", "IsInt(attributes[\"ratio\"])"),
            row(SPAN, "IsDouble(attributes[\"ratio\"])", "IsDouble(attributes[\"http.status_code\"])"),
            row(SPAN, "IsBool(attributes[\"cached\"])", "IsBool(name)"),
            row(SPAN, "IsMap(attributes[\"nested\"])", "IsMap(attributes[\"http.route\"])"),
            row(SPAN, "IsList(attributes[\"nested\"][\"list\"])", "IsList(attributes)"),
            row(SPAN, "IsMap(attributes) and IsString(name) and IsInt(kind)", "IsString(kind)"),
            row(SPAN, "Len(name) == 11", "Len(name) == 0"),
            row(SPAN, "Len(attributes[\"nested\"][\"list\"]) == 2", "Len(attributes) == 0"),
            row(SPAN, "Concat([name, \"x\", 1, nil], \"|\") == \"GET /health|x|1|<nil>\"", "Concat([\"a\"], \"-\") == \"a-\""),
            row(SPAN, "Int(\"42\") == 42 and Int(3.9) == 3 and Int(true) == 1", "Int(\"x\") != nil"),
            row(SPAN, "Double(\"1.5\") == 1.5 and Double(2) == 2.0", "Double(\"y\") != nil"),
            row(SPAN, "String(200) == \"200\" and String(true) == \"true\" and String(0x0aff) == \"0aff\"",
                    "String(1.5) == \"1\""),
            row(SPAN, "String(attributes[\"nested\"]) == \"{\\\"inner\\\":\\\"x\\\",\\\"list\\\":[\\\"a\\\",\\\"b\\\"]}\"",
                    "String(nil) != nil"),
            row(SPAN, "ToLowerCase(attributes[\"user.email\"]) == \"ann@example.com\"", "ToLowerCase(name) == name"),
            row(SPAN, "ToUpperCase(\"abc\") == \"ABC\"", "ToUpperCase(\"abc\") == \"abc\""),
            row(SPAN, "SHA256(\"abc\") == \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
                    "SHA256(\"abd\") == SHA256(\"abc\")"),
            row(SPAN, "Int(attributes[\"http.status_code\"]) + 1 == 201", "Int(name) == 0"));

    @TestFactory
    Stream<DynamicTest> everyPathOfEveryContext() {
        return rows(PATHS);
    }

    @TestFactory
    Stream<DynamicTest> operatorsAndComparisonRules() {
        return rows(OPERATORS);
    }

    @TestFactory
    Stream<DynamicTest> everyConverter() {
        return rows(CONVERTERS);
    }

    private static Stream<DynamicTest> rows(List<Row> rows) {
        return rows.stream().flatMap(r -> Stream.of(
                DynamicTest.dynamicTest(r.kind.pathName() + ": " + r.isTrue, () -> assertTrue(eval(r.kind, r.isTrue))),
                DynamicTest.dynamicTest(r.kind.pathName() + ": " + r.isFalse + " (false)",
                        () -> assertFalse(eval(r.kind, r.isFalse)))));
    }

    static boolean eval(OttlContextKind kind, String condition) throws ParseError {
        return OttlParser.parseCondition(condition, kind).eval(Data.context(kind));
    }

    @Test
    void histogramPointPathsReadTheirOwnFields() throws ParseError {
        OttlContext c = new OttlContext().metric(Data.HISTOGRAM).dataPoint(Data.HIST_POINT);
        assertTrue(OttlParser.parseCondition("count == 12 and sum == 340.5 and value_int == nil", DATAPOINT).eval(c));
        assertTrue(OttlParser.parseCondition("bucket_counts == [5, 7] and explicit_bounds == [100.0]", DATAPOINT).eval(c));
        assertTrue(OttlParser.parseCondition("metric.aggregation_temporality == AGGREGATION_TEMPORALITY_DELTA",
                DATAPOINT).eval(c));
        assertFalse(OttlParser.parseCondition("metric.is_monotonic == true", DATAPOINT).eval(c));
    }

    @Test
    void mapBodiesAreIndexable() throws ParseError {
        OttlContext c = new OttlContext().log(Data.MAP_BODY_LOG);
        assertTrue(OttlParser.parseCondition("body[\"msg\"] == \"hi\" and body[\"code\"] == 3 and IsMap(body)", LOG).eval(c));
    }

    @Test
    void aRuntimeErrorIsAnOttlEvalException() throws ParseError {
        Condition c = OttlParser.parseCondition("ToLowerCase(attributes[\"http.status_code\"]) == \"x\"", SPAN);
        assertThrows(OttlEvalException.class, () -> c.eval(Data.context(SPAN)));
        Condition div = OttlParser.parseCondition("1 / (kind - 2) == 1", SPAN);
        assertThrows(OttlEvalException.class, () -> div.eval(Data.context(SPAN)));
        assertEquals("1 / (kind - 2) == 1", div.source());
    }
}
