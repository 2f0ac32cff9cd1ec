package io.meltgate.core.otlp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LazyResources;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The receiver answers from {@link WireScanner}'s reading of the bytes, and parses only later: so what it scans
 * as good must parse, and its counts must be the parsed message's counts.
 */
class WireScannerTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(21);

    @Test
    void countsWithoutParsingWhatParsingWouldCount() throws Exception {
        ExportTraceServiceRequest traces = fixtures.traceRequest(137);
        ExportRequestDecoder.Decoded<ExportTraceServiceRequest> t = ExportRequestDecoder.traces(traces.toByteArray());
        assertTrue(t.scanned());
        assertEquals(SpanBatch.of(traces, RequestMetadata.EMPTY).itemCount(), t.items());
        assertEquals(0, t.invalidItems());
        Batch tb = t.batch(RequestMetadata.EMPTY);
        LazyResources<?> lazy = assertInstanceOf(LazyResources.class, ((SpanBatch) tb).resourceSpans());
        assertFalse(lazy.isParsed(0), "nothing parsed to answer the request");
        assertEquals(SpanBatch.of(traces, RequestMetadata.EMPTY), tb);

        ExportMetricsServiceRequest metrics = fixtures.metricsRequest(90);
        ExportRequestDecoder.Decoded<ExportMetricsServiceRequest> m = ExportRequestDecoder.metrics(metrics.toByteArray());
        assertTrue(m.scanned());
        assertEquals(MetricBatch.of(metrics, RequestMetadata.EMPTY).itemCount(), m.items());
        assertEquals(MetricBatch.of(metrics, RequestMetadata.EMPTY), m.batch(RequestMetadata.EMPTY));

        ExportLogsServiceRequest logs = fixtures.logsRequest(55);
        ExportRequestDecoder.Decoded<ExportLogsServiceRequest> l = ExportRequestDecoder.logs(logs.toByteArray());
        assertTrue(l.scanned());
        assertEquals(55, l.items());
        assertEquals(LogBatch.of(logs, RequestMetadata.EMPTY), l.batch(RequestMetadata.EMPTY));
    }

    @Test
    void countsTheItemsTheReceiverMustReject() throws Exception {
        Span good = fixtures.span(fixtures.traceId(), ByteString.EMPTY.toByteArray());
        List<Span> bad = List.of(
                good.toBuilder().setTraceId(ByteString.copyFrom(new byte[15])).build(),
                good.toBuilder().setTraceId(ByteString.copyFrom(new byte[16])).build(),
                good.toBuilder().clearSpanId().build(),
                good.toBuilder().setSpanId(ByteString.copyFrom(new byte[8])).build(),
                good.toBuilder().setParentSpanId(ByteString.copyFrom(new byte[3])).build());
        ScopeSpans.Builder scope = ScopeSpans.newBuilder().addSpans(good).addAllSpans(bad).addSpans(good);
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
        ExportRequestDecoder.Decoded<ExportTraceServiceRequest> d = ExportRequestDecoder.traces(request.toByteArray());
        assertTrue(d.scanned());
        assertEquals(7, d.items());
        assertEquals(bad.size(), d.invalidItems());

        LogRecord record = LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("x")).build();
        ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)
                        .addLogRecords(record.toBuilder().setTraceId(ByteString.copyFrom(new byte[16])))
                        .addLogRecords(record.toBuilder().setTraceId(ByteString.copyFrom(new byte[4])))
                        .addLogRecords(record.toBuilder().setSpanId(ByteString.copyFrom(new byte[9]))))).build();
        ExportRequestDecoder.Decoded<ExportLogsServiceRequest> dl = ExportRequestDecoder.logs(logs.toByteArray());
        assertEquals(4, dl.items());
        assertEquals(2, dl.invalidItems(), "ids are optional on log records, but not of the wrong length");
    }

    @Test
    void whatItIsNotSureOfIsParsedHereAndCountedFromTheMessage() throws Exception {
        // A metric whose oneof is set twice: protobuf keeps the last (the sum, 1 point), not 3 points.
        Metric gauge = Metric.newBuilder().setName("m").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.getDefaultInstance()).addDataPoints(NumberDataPoint.getDefaultInstance())).build();
        Metric sum = Metric.newBuilder().setName("m").setSum(Sum.newBuilder()
                .addDataPoints(NumberDataPoint.getDefaultInstance())).build();
        byte[] both = concat(gauge.toByteArray(), sum.toByteArray());
        ByteString scopeMetrics = field(2, both); // ScopeMetrics.metrics = 2
        ByteString resourceMetrics = field(2, scopeMetrics.toByteArray()); // ResourceMetrics.scope_metrics = 2
        byte[] body = field(1, resourceMetrics.toByteArray()).toByteArray();
        ExportRequestDecoder.Decoded<ExportMetricsServiceRequest> d = ExportRequestDecoder.metrics(body);
        assertFalse(d.scanned());
        ExportMetricsServiceRequest parsed = ExportMetricsServiceRequest.parseFrom(body);
        assertEquals(parsed, d.request());
        assertEquals(1, MetricBatch.of(parsed, RequestMetadata.EMPTY).itemCount());

        // An unknown group field inside a span: left to protobuf, which keeps it as an unknown field.
        Span span = fixtures.span(fixtures.traceId(), new byte[0]);
        ByteArrayOutputStream group = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(group);
        out.writeTag(99, 3);
        out.writeInt64(1, 5);
        out.writeTag(99, 4);
        out.flush();
        byte[] spanBytes = concat(span.toByteArray(), group.toByteArray());
        byte[] traces = field(1, field(2, field(2, spanBytes).toByteArray()).toByteArray()).toByteArray();
        ExportRequestDecoder.Decoded<ExportTraceServiceRequest> t = ExportRequestDecoder.traces(traces);
        assertFalse(t.scanned());
        assertEquals(ExportTraceServiceRequest.parseFrom(traces), t.request());
    }

    @Test
    void invalidUtf8InAStringFailsAsTheParserFails() {
        KeyValue kv = KeyValue.newBuilder().setKey("k").setValue(AnyValue.newBuilder().setStringValue("\u00e9t\u00e9")).build();
        byte[] good = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(
                ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().addAttributes(kv)))).build().toByteArray();
        byte[] bad = good.clone();
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] == (byte) 0xC3) {
                bad[i] = (byte) 0xFF; // no UTF-8 sequence starts with 0xFF
                break;
            }
        }
        assertThrows(InvalidProtocolBufferException.class, () -> ExportLogsServiceRequest.parseFrom(bad));
        assertThrows(InvalidProtocolBufferException.class, () -> ExportRequestDecoder.logs(bad));
        assertTrue(assertDoesNotThrowScanned(good));
    }

    @Test
    void nestingNearTheParsersLimitIsLeftToTheParser() throws Exception {
        AnyValue v = AnyValue.newBuilder().setStringValue("leaf").build();
        for (int i = 0; i < 120; i++) {
            v = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(v)).build();
        }
        byte[] body = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(
                ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setBody(v)))).build().toByteArray();
        // Protobuf refuses this depth; so must the decoder, with protobuf's exception, not later.
        assertThrows(InvalidProtocolBufferException.class, () -> ExportLogsServiceRequest.parseFrom(body));
        assertThrows(InvalidProtocolBufferException.class, () -> ExportRequestDecoder.logs(body));
    }

    @Test
    void randomlyCorruptedRequestsThatScanAsGoodParseAndCountTheSame() {
        SplittableRandom random = new SplittableRandom(11);
        List<byte[]> bodies = List.of(fixtures.traceRequest(40).toByteArray(), fixtures.metricsRequest(30).toByteArray(),
                fixtures.logsRequest(30).toByteArray());
        int scannedGood = 0;
        for (int i = 0; i < 6000; i++) {
            int kind = i % 3;
            byte[] mutated = bodies.get(kind).clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                ExportRequestDecoder.Decoded<? extends Message> d = kind == 0 ? ExportRequestDecoder.traces(mutated)
                        : kind == 1 ? ExportRequestDecoder.metrics(mutated) : ExportRequestDecoder.logs(mutated);
                if (!d.scanned()) {
                    continue;
                }
                scannedGood++;
                Message parsed = kind == 0 ? ExportTraceServiceRequest.parseFrom(mutated)
                        : kind == 1 ? ExportMetricsServiceRequest.parseFrom(mutated) : ExportLogsServiceRequest.parseFrom(mutated);
                assertEquals(parsed, d.request(), "scanned as good, so it parses, to the same message");
                Batch eager = kind == 0 ? SpanBatch.of((ExportTraceServiceRequest) parsed, RequestMetadata.EMPTY)
                        : kind == 1 ? MetricBatch.of((ExportMetricsServiceRequest) parsed, RequestMetadata.EMPTY)
                        : LogBatch.of((ExportLogsServiceRequest) parsed, RequestMetadata.EMPTY);
                assertEquals(eager.itemCount(), d.items(), "same count as the parsed message");
            } catch (InvalidProtocolBufferException refused) {
                // bad data, refused before anything was accepted: fine
            }
        }
        assertTrue(scannedGood > 500, "the corruption left enough requests readable to test something: " + scannedGood);
    }

    private static boolean assertDoesNotThrowScanned(byte[] logs) {
        try {
            return ExportRequestDecoder.logs(logs).scanned();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteString field(int number, byte[] payload) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeByteArray(number, payload);
        out.flush();
        return ByteString.copyFrom(bytes.toByteArray());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
