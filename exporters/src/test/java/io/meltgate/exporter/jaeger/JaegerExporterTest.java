package io.meltgate.exporter.jaeger;

import static io.meltgate.core.testing.OtlpFixtures.bool;
import static io.meltgate.core.testing.OtlpFixtures.dbl;
import static io.meltgate.core.testing.OtlpFixtures.integer;
import static io.meltgate.core.testing.OtlpFixtures.str;
import static io.meltgate.exporter.testing.ExporterHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.meltgate.core.component.Exporter;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.QueueSettings;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.meltgate.core.tls.TlsClientSettings;
import io.meltgate.exporter.jaeger.proto.KeyValue;
import io.meltgate.exporter.jaeger.proto.Log;
import io.meltgate.exporter.jaeger.proto.Process;
import io.meltgate.exporter.jaeger.proto.Span;
import io.meltgate.exporter.jaeger.proto.SpanRef;
import io.meltgate.exporter.jaeger.proto.SpanRefType;
import io.meltgate.exporter.jaeger.proto.ValueType;
import io.meltgate.exporter.testing.ExporterHarness;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span.Event;
import io.opentelemetry.proto.trace.v1.Span.Link;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spans exported through {@code jaeger} to a gRPC server built from Jaeger's api_v2 protos, every mapping
 * checked: one OTLP span per table row is sent (all in one batch, through the real exporter), then each
 * row's assertions run on the Jaeger span that arrived with its span id.
 */
class JaegerExporterTest {

    private static final long START = 1_764_000_000_123_456_789L;
    private static final byte[] TRACE = hex("0af7651916cd43dd8448eb211c80319c");
    private static final byte[] PARENT = hex("b7ad6b7169203331");
    private static final byte[] LINKED_TRACE = hex("4bf92f3577b34da6a3ce929d0e0e4736");
    private static final byte[] LINKED_SPAN = hex("00f067aa0ba902b7");

    private static JaegerCollectorServer server;
    private static final Map<ByteString, Span> received = new HashMap<>();
    private static Process process;
    private static final ExporterHarness h = new ExporterHarness();

    /** A row: its name, how it changes the base span, what the Jaeger span must then hold. */
    record Row(String name, Consumer<io.opentelemetry.proto.trace.v1.Span.Builder> otlp, Consumer<Span> expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Row> rows() {
        return List.of(
                new Row("kind client", s -> s.setKind(SpanKind.SPAN_KIND_CLIENT), j -> assertTag(j, "span.kind", "client")),
                new Row("kind server", s -> s.setKind(SpanKind.SPAN_KIND_SERVER), j -> assertTag(j, "span.kind", "server")),
                new Row("kind producer", s -> s.setKind(SpanKind.SPAN_KIND_PRODUCER), j -> assertTag(j, "span.kind", "producer")),
                new Row("kind consumer", s -> s.setKind(SpanKind.SPAN_KIND_CONSUMER), j -> assertTag(j, "span.kind", "consumer")),
                new Row("kind internal", s -> s.setKind(SpanKind.SPAN_KIND_INTERNAL), j -> assertTag(j, "span.kind", "internal")),
                new Row("kind unspecified", s -> s.setKind(SpanKind.SPAN_KIND_UNSPECIFIED), j -> assertNoTag(j, "span.kind")),
                new Row("status unset", s -> { }, j -> {
                    assertNoTag(j, "otel.status_code");
                    assertNoTag(j, "error");
                    assertNoTag(j, "otel.status_description");
                }),
                new Row("status ok", s -> s.setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder()
                        .setCode(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_OK)), j -> {
                    assertTag(j, "otel.status_code", "OK");
                    assertNoTag(j, "error");
                }),
                new Row("status error with message", s -> s.setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder()
                        .setCode(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR)
                        .setMessage("upstream timed out")), j -> {
                    assertTag(j, "otel.status_code", "ERROR");
                    assertEquals(KeyValue.newBuilder().setKey("error").setVType(ValueType.BOOL).setVBool(true).build(),
                            tag(j, "error"));
                    assertTag(j, "otel.status_description", "upstream timed out");
                }),
                new Row("string attribute", s -> s.addAttributes(str("task.type", "research")),
                        j -> assertTag(j, "task.type", "research")),
                new Row("bool attribute", s -> s.addAttributes(bool("cache.hit", true)), j -> assertEquals(
                        KeyValue.newBuilder().setKey("cache.hit").setVType(ValueType.BOOL).setVBool(true).build(),
                        tag(j, "cache.hit"))),
                new Row("int attribute", s -> s.addAttributes(integer("http.status_code", 503)), j -> assertEquals(
                        KeyValue.newBuilder().setKey("http.status_code").setVType(ValueType.INT64).setVInt64(503).build(),
                        tag(j, "http.status_code"))),
                new Row("double attribute", s -> s.addAttributes(dbl("llm.cost", 0.25)), j -> assertEquals(
                        KeyValue.newBuilder().setKey("llm.cost").setVType(ValueType.FLOAT64).setVFloat64(0.25).build(),
                        tag(j, "llm.cost"))),
                new Row("bytes attribute", s -> s.addAttributes(kv("blob", AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3})).build())), j -> assertEquals(
                        KeyValue.newBuilder().setKey("blob").setVType(ValueType.BINARY)
                                .setVBinary(ByteString.copyFrom(new byte[] {1, 2, 3})).build(), tag(j, "blob"))),
                new Row("array attribute as JSON", s -> s.addAttributes(kv("tags", AnyValue.newBuilder().setArrayValue(
                        ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue("a"))
                                .addValues(AnyValue.newBuilder().setIntValue(2))).build())),
                        j -> assertTag(j, "tags", "[\"a\",2]")),
                new Row("map attribute as JSON", s -> s.addAttributes(kv("http.request", AnyValue.newBuilder()
                        .setKvlistValue(KeyValueList.newBuilder().addValues(str("method", "GET"))
                                .addValues(bool("tls", false))).build())),
                        j -> assertTag(j, "http.request", "{\"method\":\"GET\",\"tls\":false}")),
                new Row("parent as CHILD_OF", s -> s.setParentSpanId(ByteString.copyFrom(PARENT)), j -> assertEquals(
                        List.of(SpanRef.newBuilder().setTraceId(ByteString.copyFrom(TRACE))
                                .setSpanId(ByteString.copyFrom(PARENT)).setRefType(SpanRefType.CHILD_OF).build()),
                        j.getReferencesList())),
                new Row("parent then links as FOLLOWS_FROM", s -> s.setParentSpanId(ByteString.copyFrom(PARENT))
                        .addLinks(Link.newBuilder().setTraceId(ByteString.copyFrom(LINKED_TRACE))
                                .setSpanId(ByteString.copyFrom(LINKED_SPAN))), j -> {
                    assertEquals(2, j.getReferencesCount());
                    assertEquals(SpanRefType.CHILD_OF, j.getReferences(0).getRefType());
                    assertEquals(SpanRef.newBuilder().setTraceId(ByteString.copyFrom(LINKED_TRACE))
                            .setSpanId(ByteString.copyFrom(LINKED_SPAN)).setRefType(SpanRefType.FOLLOWS_FROM).build(),
                            j.getReferences(1));
                }),
                new Row("root span has no references", s -> { }, j -> assertEquals(0, j.getReferencesCount())),
                new Row("events as logs", s -> s.addEvents(Event.newBuilder().setName("retry").setTimeUnixNano(START + 5)
                        .addAttributes(integer("attempt", 2))), j -> {
                    Log log = j.getLogs(0);
                    assertEquals(START / 1_000_000_000L, log.getTimestamp().getSeconds());
                    assertEquals((int) (START % 1_000_000_000L) + 5, log.getTimestamp().getNanos());
                    assertEquals(List.of(
                            KeyValue.newBuilder().setKey("event").setVType(ValueType.STRING).setVStr("retry").build(),
                            KeyValue.newBuilder().setKey("attempt").setVType(ValueType.INT64).setVInt64(2).build()),
                            log.getFieldsList());
                }),
                new Row("event with an own 'event' attribute keeps it", s -> s.addEvents(Event.newBuilder()
                        .setName("exception").setTimeUnixNano(START).addAttributes(str("event", "custom"))), j ->
                        assertEquals(List.of(KeyValue.newBuilder().setKey("event").setVType(ValueType.STRING)
                                .setVStr("custom").build()), j.getLogs(0).getFieldsList())),
                new Row("128-bit trace id and 64-bit span id", s -> { }, j -> {
                    assertEquals(ByteString.copyFrom(TRACE), j.getTraceId());
                    assertEquals(8, j.getSpanId().size());
                }),
                new Row("start and duration in nanoseconds", s -> s.setEndTimeUnixNano(START + 1_500_000_042L), j -> {
                    assertEquals(START / 1_000_000_000L, j.getStartTime().getSeconds());
                    assertEquals((int) (START % 1_000_000_000L), j.getStartTime().getNanos());
                    assertEquals(1, j.getDuration().getSeconds());
                    assertEquals(500_000_042, j.getDuration().getNanos());
                }),
                new Row("name as operation name", s -> s.setName("POST /api/tasks/{id}/expand"),
                        j -> assertEquals("POST /api/tasks/{id}/expand", j.getOperationName())),
                new Row("trace state", s -> s.setTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
                        j -> assertTag(j, "w3c.tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")),
                new Row("dropped counts", s -> s.setDroppedAttributesCount(3).setDroppedEventsCount(4).setDroppedLinksCount(5),
                        j -> {
                            assertEquals(3, tag(j, "otel.dropped_attributes_count").getVInt64());
                            assertEquals(4, tag(j, "otel.dropped_events_count").getVInt64());
                            assertEquals(5, tag(j, "otel.dropped_links_count").getVInt64());
                        }),
                new Row("no dropped counts when zero", s -> { }, j -> assertNoTag(j, "otel.dropped_attributes_count")),
                new Row("scope as otel.scope.* and otel.library.*", s -> { }, j -> {
                    assertTag(j, "otel.scope.name", "task-master.engine");
                    assertTag(j, "otel.scope.version", "2.1.0");
                    assertTag(j, "otel.library.name", "task-master.engine");
                    assertTag(j, "otel.library.version", "2.1.0");
                }),
                new Row("sampled flag", s -> s.setFlags(0x101), j -> assertEquals(1, j.getFlags())),
                new Row("span process left to the batch", s -> { }, j -> assertFalse(j.hasProcess())));
    }

    @BeforeAll
    static void exportEveryRow() throws Exception {
        server = new JaegerCollectorServer();
        ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(
                InstrumentationScope.newBuilder().setName("task-master.engine").setVersion("2.1.0"));
        List<Row> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            io.opentelemetry.proto.trace.v1.Span.Builder s = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(TRACE)).setSpanId(spanId(i)).setName("row " + i)
                    .setStartTimeUnixNano(START).setEndTimeUnixNano(START + 1_000);
            rows.get(i).otlp().accept(s);
            scope.addSpans(s);
        }
        Resource resource = Resource.newBuilder().addAttributes(str("service.name", "task-master"))
                .addAttributes(str("host.name", "worker-7")).addAttributes(integer("process.pid", 4242)).build();
        SpanBatch batch = SpanBatch.of(List.of(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope).build()),
                RequestMetadata.EMPTY);
        Exporter exporter = exporter(QueueSettings.defaults());
        exporter.consume(batch);
        exporter.shutdown();
        assertEquals(1, server.requests().size(), "one PostSpans call for the batch");
        var jb = server.requests().get(0).getBatch();
        process = jb.getProcess();
        for (Span s : jb.getSpansList()) {
            received.put(s.getSpanId(), s);
        }
        assertEquals(rows.size(), received.size());
        assertEquals(rows.size(), h.counter("otelcol_exporter_sent_spans", "jaeger"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Exporter exporter(QueueSettings queue) throws Exception {
        JaegerExporterSettings d = new JaegerExporterFactory().defaultSettings();
        JaegerExporterSettings s = new JaegerExporterSettings(server.endpoint(), TlsClientSettings.plaintext(),
                Map.of(), d.compression(), null, d.balancerName(), null, Duration.ofSeconds(5), queue,
                ExporterHarness.fastRetry());
        assertEquals(List.of(), s.validate());
        Exporter e = new JaegerExporterFactory().create(h.context("jaeger"), s, EnumSet.of(Signal.TRACES));
        e.start();
        return e;
    }

    static Stream<Arguments> indexedRows() {
        List<Row> rows = rows();
        return java.util.stream.IntStream.range(0, rows.size()).mapToObj(i -> Arguments.of(i, rows.get(i)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("indexedRows")
    void everyFieldIsMappedAsTheCollectorsTranslatorDid(int index, Row row) {
        Span j = received.get(spanId(index));
        assertTrue(j != null, "span of row " + index + " arrived");
        row.expect().accept(j);
    }

    @Test
    void theResourceBecomesTheProcess() {
        assertEquals("task-master", process.getServiceName());
        assertEquals(List.of(
                KeyValue.newBuilder().setKey("host.name").setVType(ValueType.STRING).setVStr("worker-7").build(),
                KeyValue.newBuilder().setKey("process.pid").setVType(ValueType.INT64).setVInt64(4242).build()),
                process.getTagsList());
    }

    @Test
    void aResourceWithoutServiceNameGetsTheCollectorsPlaceholder() {
        assertEquals(JaegerTranslator.NO_SERVICE_NAME,
                JaegerTranslator.process(Resource.newBuilder().addAttributes(str("host.name", "h")).build()).getServiceName());
    }

    @Test
    void severalResourcesTravelInOneCallEachSpanWithItsOwnProcess() {
        OtlpFixtures f = new OtlpFixtures(3);
        SpanBatch batch = SpanBatch.of(List.of(f.resourceSpans(2, "checkout"), f.resourceSpans(3, "payments")),
                RequestMetadata.EMPTY);
        var request = JaegerSender.request(batch);
        assertEquals(5, request.getBatch().getSpansCount());
        assertEquals("checkout", request.getBatch().getProcess().getServiceName());
        assertFalse(request.getBatch().getSpans(0).hasProcess(), "first resource's spans use the batch process");
        assertEquals("payments", request.getBatch().getSpans(4).getProcess().getServiceName());
    }

    @Test
    void unavailableIsRetriedAndInvalidArgumentIsDroppedAfterOneTry() throws Exception {
        OtlpFixtures f = new OtlpFixtures(5);
        ExporterHarness local = new ExporterHarness();
        JaegerExporterSettings d = new JaegerExporterFactory().defaultSettings();
        JaegerExporterSettings s = new JaegerExporterSettings(server.endpoint(), TlsClientSettings.plaintext(), Map.of(),
                d.compression(), null, d.balancerName(), null, Duration.ofSeconds(5),
                ExporterHarness.queue(1, 10, false), ExporterHarness.fastRetry());
        Exporter e = new JaegerExporterFactory().create(local.context("jaeger/outage"), s, EnumSet.of(Signal.TRACES));
        e.start();
        int before = server.spanCount();
        server.failWith(Status.UNAVAILABLE);
        e.consume(SpanBatch.of(f.traceRequest(4), RequestMetadata.EMPTY));
        assertTrue(eventually(Duration.ofSeconds(5), () -> server.failures() >= 2));
        server.failWith(null);
        assertTrue(eventually(Duration.ofSeconds(5), () -> server.spanCount() == before + 4));
        int failuresBefore = server.failures();
        server.failWith(Status.INVALID_ARGUMENT);
        e.consume(SpanBatch.of(f.traceRequest(2), RequestMetadata.EMPTY));
        assertTrue(eventually(Duration.ofSeconds(5),
                () -> local.counter("otelcol_exporter_send_failed_spans", "jaeger/outage") == 2));
        server.failWith(null);
        e.shutdown();
        assertEquals(failuresBefore + 1, server.failures(), "the rejected batch was tried once");
        assertTrue(local.counter("meltgate_exporter_retried_spans", "jaeger/outage") >= 4);
        assertEquals(4, local.counter("otelcol_exporter_sent_spans", "jaeger/outage"));
    }

    private static ByteString spanId(int i) {
        return ByteString.copyFrom(new byte[] {0x5a, 0, 0, 0, 0, 0, (byte) (i >> 8), (byte) i});
    }

    private static io.opentelemetry.proto.common.v1.KeyValue kv(String key, AnyValue v) {
        return io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey(key).setValue(v).build();
    }

    private static KeyValue tag(Span j, String key) {
        return j.getTagsList().stream().filter(t -> t.getKey().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no tag " + key + " in " + j.getTagsList()));
    }

    private static void assertTag(Span j, String key, String value) {
        assertEquals(KeyValue.newBuilder().setKey(key).setVType(ValueType.STRING).setVStr(value).build(), tag(j, key));
    }

    private static void assertNoTag(Span j, String key) {
        assertTrue(j.getTagsList().stream().noneMatch(t -> t.getKey().equals(key)), "unexpected tag " + key);
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
