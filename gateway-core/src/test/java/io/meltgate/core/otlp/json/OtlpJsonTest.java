package io.meltgate.core.otlp.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.testing.OtlpSpecExamples;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSpecificationsExamplesDecodeToTheirProtobufTwins() throws Exception {
        ExportTraceServiceRequest traces = OtlpJson.decodeTraceRequest(OtlpSpecExamples.traceJson());
        assertEquals(OtlpSpecExamples.traceProto(), traces);
        Span span = traces.getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertArrayEquals(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c"), span.getTraceId().toByteArray());
        assertArrayEquals(HexFormat.of().parseHex("eee19b7ec3c1b174"), span.getSpanId().toByteArray());
        assertEquals(OtlpSpecExamples.metricsProto(), OtlpJson.decodeMetricsRequest(OtlpSpecExamples.metricsJson()));
        assertEquals(OtlpSpecExamples.logsProto(), OtlpJson.decodeLogsRequest(OtlpSpecExamples.logsJson()));
    }

    @Test
    void realisticRequestsSurviveEncodeThenDecode() throws Exception {
        OtlpFixtures fixtures = new OtlpFixtures(11);
        ExportTraceServiceRequest traces = fixtures.traceRequest(50);
        ExportMetricsServiceRequest metrics = fixtures.metricsRequest(40);
        ExportLogsServiceRequest logs = fixtures.logsRequest(30);
        assertEquals(traces, OtlpJson.decodeTraceRequest(OtlpJson.encode(traces)));
        assertEquals(metrics, OtlpJson.decodeMetricsRequest(OtlpJson.encode(metrics)));
        assertEquals(logs, OtlpJson.decodeLogsRequest(OtlpJson.encode(logs)));
    }

    @Test
    void encodingWritesHexIdsIntegerEnumsStringLongsAndCamelCaseKeys() {
        Span span = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10")))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("a1a2a3a4a5a6a7a8")))
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(-1L) // fixed64: the full unsigned range
                .setFlags(0x8000_0001)     // fixed32: written unsigned
                .build();
        String json = new String(OtlpJson.encode(span), StandardCharsets.UTF_8);
        assertEquals("{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"a1a2a3a4a5a6a7a8\","
                + "\"kind\":3,\"startTimeUnixNano\":\"18446744073709551615\",\"flags\":2147483649}", json);
    }

    @Test
    void decodingAcceptsSnakeCaseEnumNamesNumbersAsStringsAndIgnoresUnknownKeys() throws Exception {
        String json = """
                {"resource_spans":[{"scope_spans":[{"spans":[{
                  "trace_id":"0102030405060708090A0B0C0D0E0F10","span_id":"a1a2a3a4a5a6a7a8",
                  "kind":"SPAN_KIND_PRODUCER","start_time_unix_nano":"18446744073709551615",
                  "endTimeUnixNano":12, "droppedAttributesCount":"3", "flags": 2147483649,
                  "somethingNew":{"nested":[1,2,{"x":null}]}, "name": null,
                  "status":{"code":"STATUS_CODE_ERROR","message":"boom"}}]}],"futureField":true}]}
                """;
        Span span = OtlpJson.decodeTraceRequest(utf8(json)).getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertEquals("0102030405060708090a0b0c0d0e0f10", HexFormat.of().formatHex(span.getTraceId().toByteArray()));
        assertEquals(Span.SpanKind.SPAN_KIND_PRODUCER, span.getKind());
        assertEquals(-1L, span.getStartTimeUnixNano());
        assertEquals(12L, span.getEndTimeUnixNano());
        assertEquals(3, span.getDroppedAttributesCount());
        assertEquals(0x8000_0001, span.getFlags());
        assertEquals("", span.getName());
        assertEquals(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR, span.getStatus().getCode());
    }

    @Test
    void doublesAcceptNaNAndInfinityAndHistogramCountsAcceptStrings() throws Exception {
        HistogramDataPoint.Builder b = HistogramDataPoint.newBuilder();
        OtlpJson.merge(utf8("{\"sum\":\"NaN\",\"min\":\"-Infinity\",\"max\":1e3,\"bucketCounts\":[\"1\",2,\"3\"]}"), b);
        assertTrue(Double.isNaN(b.getSum()));
        assertEquals(Double.NEGATIVE_INFINITY, b.getMin());
        assertEquals(1000.0, b.getMax());
        assertEquals(List.of(1L, 2L, 3L), b.getBucketCountsList());
        HistogramDataPoint back = OtlpJson.merge(OtlpJson.encode(b.build()), HistogramDataPoint.newBuilder()).build();
        assertTrue(Double.isNaN(back.getSum()));
        assertEquals(b.getBucketCountsList(), back.getBucketCountsList());
    }

    @Test
    void responsesWithPartialSuccessRoundTrip() throws Exception {
        ExportTraceServiceResponse response = ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(7).setErrorMessage("no"))
                .build();
        assertEquals("{\"partialSuccess\":{\"rejectedSpans\":\"7\",\"errorMessage\":\"no\"}}",
                new String(OtlpJson.encode(response), StandardCharsets.UTF_8));
        assertEquals(response, OtlpJson.merge(OtlpJson.encode(response), ExportTraceServiceResponse.newBuilder()).build());
        assertFalse(OtlpJson.merge(utf8("{}"), ExportTraceServiceResponse.newBuilder()).hasPartialSuccess());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "[]",
        "{",
        "{} {}",
        "{\"resourceSpans\":{}}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz1\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"abc\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"kind\":\"NOT_A_KIND\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"12x\"}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":-1}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"droppedAttributesCount\":4294967296}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":7}]}]}]}",
        "{\"resourceSpans\":[null]}",
    })
    void badDocumentsAreRefusedWithAnOtlpJsonException(String json) {
        assertThrows(OtlpJsonException.class, () -> OtlpJson.decodeTraceRequest(utf8(json)));
    }

    @Test
    void hostileNestingIsRefusedNotAStackOverflow() {
        StringBuilder sb = new StringBuilder("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":");
        int depth = 5000;
        for (int i = 0; i < depth; i++) {
            sb.append("{\"arrayValue\":{\"values\":[");
        }
        for (int i = 0; i < depth; i++) {
            sb.append("]}}");
        }
        sb.append("}]}]}]}");
        assertThrows(OtlpJsonException.class, () -> OtlpJson.decodeLogsRequest(utf8(sb.toString())));
    }
}
