package io.meltgate.core.otlp.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written readers of the hot OTLP types ({@link OtlpFastReaders}) must decode every document exactly
 * as the generic, descriptor-driven path does: same messages from good documents, same errors from bad ones.
 */
class OtlpFastReadersTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <B extends Message.Builder> void assertBothPathsAgree(String json, B fast, B generic)
            throws Exception {
        Message viaFast = OtlpJson.merge(utf8(json), fast, true).build();
        Message viaGeneric = OtlpJson.merge(utf8(json), generic, false).build();
        assertEquals(viaGeneric, viaFast);
    }

    @Test
    void realisticRequestsDecodeAlikeOnBothPaths() throws Exception {
        for (int seed = 1; seed <= 5; seed++) {
            OtlpFixtures fixtures = new OtlpFixtures(seed);
            ExportTraceServiceRequest traces = fixtures.traceRequest(40);
            ExportMetricsServiceRequest metrics = fixtures.metricsRequest(40);
            ExportLogsServiceRequest logs = fixtures.logsRequest(40);
            byte[] t = OtlpJson.encode(traces);
            byte[] m = OtlpJson.encode(metrics);
            byte[] l = OtlpJson.encode(logs);
            assertEquals(traces, OtlpJson.merge(t, ExportTraceServiceRequest.newBuilder(), true).build());
            assertEquals(traces, OtlpJson.merge(t, ExportTraceServiceRequest.newBuilder(), false).build());
            assertEquals(metrics, OtlpJson.merge(m, ExportMetricsServiceRequest.newBuilder(), true).build());
            assertEquals(metrics, OtlpJson.merge(m, ExportMetricsServiceRequest.newBuilder(), false).build());
            assertEquals(logs, OtlpJson.merge(l, ExportLogsServiceRequest.newBuilder(), true).build());
            assertEquals(logs, OtlpJson.merge(l, ExportLogsServiceRequest.newBuilder(), false).build());
        }
    }

    @Test
    void everyHandledSpanFieldInBothKeyStylesWithNamesStringsAndNulls() throws Exception {
        String json = """
                {"resource_spans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"a"}}],
                  "dropped_attributes_count":"2","entityRefs":[{"type":"service","idKeys":["service.name"]}]},
                  "schemaUrl":"https://s/1","scope_spans":[{"scope":{"name":"lib","version":"1.0",
                  "attributes":[{"key":"k","value":{"boolValue":"true"}}],"droppedAttributesCount":1},
                  "schema_url":"https://s/2","spans":[{
                  "trace_id":"0102030405060708090A0B0C0D0E0F10","spanId":"a1a2a3a4a5a6a7a8",
                  "parentSpanId":"","traceState":"k=v","flags":"769","name":"op","kind":"SPAN_KIND_SERVER",
                  "startTimeUnixNano":"1700000000000000001","end_time_unix_nano":1700000000000000002,
                  "attributes":[
                    {"key":"i","value":{"intValue":"-42"}},{"key":"d","value":{"doubleValue":"NaN"}},
                    {"key":"b","value":{"bytesValue":"aGVsbG8"}},{"key":"n","value":null},
                    {"key":"arr","value":{"arrayValue":{"values":[{"intValue":1},{"stringValue":"x"},
                      {"kvlistValue":{"values":[{"key":"deep","value":{"boolValue":false}}]}}]}}}],
                  "droppedAttributesCount":3,"events":[{"timeUnixNano":"5","name":"e",
                    "attributes":[{"key":"ea","value":{"stringValue":"v"}}],"dropped_attributes_count":1}],
                  "dropped_events_count":4,"links":[{"traceId":"ffffffffffffffffffffffffffffffff",
                    "span_id":"0000000000000001","traceState":"t","flags":256,
                    "attributes":[{"key":"la","value":{"intValue":7}}],"droppedAttributesCount":"9"}],
                  "droppedLinksCount":5,"status":{"code":2,"message":"bad"},
                  "somethingNew":{"x":[1,2]}}]}]}]}
                """;
        assertBothPathsAgree(json, ExportTraceServiceRequest.newBuilder(), ExportTraceServiceRequest.newBuilder());
        Span span = OtlpJson.decodeTraceRequest(utf8(json)).getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.getKind());
        assertEquals(1700000000000000001L, span.getStartTimeUnixNano());
        assertEquals(769, span.getFlags());
        assertEquals("hello", span.getAttributes(2).getValue().getBytesValue().toStringUtf8());
        assertEquals(1, OtlpJson.decodeTraceRequest(utf8(json)).getResourceSpans(0).getResource().getEntityRefsCount());
    }

    @Test
    void everyHandledMetricAndLogFieldIncludingTheGenericOnesInside() throws Exception {
        String metrics = """
                {"resourceMetrics":[{"resource":{},"scopeMetrics":[{"scope":{"name":"m"},"metrics":[
                  {"name":"g","description":"d","unit":"1","metadata":[{"key":"mk","value":{"stringValue":"mv"}}],
                   "gauge":{"dataPoints":[{"asDouble":1.5,"timeUnixNano":"10","startTimeUnixNano":"9",
                     "attributes":[{"key":"a","value":{"intValue":"1"}}],"flags":1,
                     "exemplars":[{"asInt":"3","spanId":"0102030405060708","timeUnixNano":"8"}]}]}},
                  {"name":"s","sum":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_CUMULATIVE","is_monotonic":true,
                   "data_points":[{"as_int":"-9223372036854775808"}]}},
                  {"name":"s2","sum":{"aggregationTemporality":2,"isMonotonic":"false","dataPoints":[{"asInt":-5}]}},
                  {"name":"h","histogram":{"aggregationTemporality":1,"dataPoints":[{"count":"6","sum":"Infinity",
                   "bucketCounts":["1",2,"3"],"explicitBounds":[0.5,"1e1"],"min":0,"max":"-0.0","flags":"0"}]}},
                  {"name":"e","exponentialHistogram":{"dataPoints":[{"scale":3,"zeroCount":"1",
                   "positive":{"offset":-2,"bucketCounts":["4"]}}]}},
                  {"name":"q","summary":{"dataPoints":[{"quantileValues":[{"quantile":0.5,"value":2}]}]}}]}]}]}
                """;
        assertBothPathsAgree(metrics, ExportMetricsServiceRequest.newBuilder(), ExportMetricsServiceRequest.newBuilder());
        HistogramDataPoint h = OtlpJson.decodeMetricsRequest(utf8(metrics)).getResourceMetrics(0).getScopeMetrics(0)
                .getMetrics(3).getHistogram().getDataPoints(0);
        assertEquals(true, h.hasMin());
        assertEquals(Double.POSITIVE_INFINITY, h.getSum());
        String logs = """
                {"resource_logs":[{"scope_logs":[{"log_records":[{"time_unix_nano":"1","observedTimeUnixNano":2,
                  "severityNumber":"SEVERITY_NUMBER_WARN","severity_text":"WARN","body":{"kvlistValue":{"values":[
                  {"key":"msg","value":{"stringValue":"hi"}}]}},"attributes":[{"key":"a","value":{"doubleValue":2}}],
                  "droppedAttributesCount":1,"flags":1,"traceId":"0102030405060708090a0b0c0d0e0f10",
                  "span_id":"0102030405060708","eventName":"app.start","unknown":[{"a":null}]},
                  {"severityNumber":99,"body":{"stringValue":"open enum"}}]}]}]}
                """;
        assertBothPathsAgree(logs, ExportLogsServiceRequest.newBuilder(), ExportLogsServiceRequest.newBuilder());
        assertEquals(99, OtlpJson.decodeLogsRequest(utf8(logs)).getResourceLogs(0).getScopeLogs(0)
                .getLogRecords(1).getSeverityNumberValue());
    }

    @Test
    void aDynamicBuilderOfAHotTypeTakesTheGenericPath() throws Exception {
        String json = "{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"name\":\"n\",\"kind\":\"SPAN_KIND_CLIENT\","
                + "\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":\"1\"}}]}";
        DynamicMessage dynamic = OtlpJson.merge(utf8(json), DynamicMessage.newBuilder(Span.getDescriptor())).build();
        assertEquals(OtlpJson.merge(utf8(json), Span.newBuilder()).build(), Span.parseFrom(dynamic.toByteString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz1\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"abc\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"kind\":\"NOT_A_KIND\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"12x\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"18446744073709551616\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"endTimeUnixNano\":-1}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"droppedAttributesCount\":4294967296}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":7}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"status\":[]}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":{}}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[null]}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"value\":{\"intValue\":\"9223372036854775808\"}}]}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"value\":{\"boolValue\":1}}]}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"value\":{\"bytesValue\":\"@@\"}}]}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"events\":[{\"timeUnixNano\":1.5}]}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"flags\":-1}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"unterminated}]}]}]}",
    })
    void badDocumentsFailWithTheSameMessageOnBothPaths(String json) {
        OtlpJsonException fast = assertThrows(OtlpJsonException.class,
                () -> OtlpJson.merge(utf8(json), ExportTraceServiceRequest.newBuilder(), true));
        OtlpJsonException generic = assertThrows(OtlpJsonException.class,
                () -> OtlpJson.merge(utf8(json), ExportTraceServiceRequest.newBuilder(), false));
        assertEquals(generic.getMessage(), fast.getMessage());
    }
}
