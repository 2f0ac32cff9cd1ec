package io.meltgate.core.otlp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.BatchMerger;
import io.meltgate.core.data.BatchSplitter;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExportRequestWireTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(9);

    private ExportTraceServiceRequest threeResources() {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(fixtures.resourceSpans(7, "a"))
                .addResourceSpans(fixtures.resourceSpans(3, "b"))
                .addResourceSpans(fixtures.resourceSpans(5, "c")).build();
    }

    @Test
    void decodingKeepsEachResourceEntrysBytesAndEncodingCopiesThemBack() throws Exception {
        ExportTraceServiceRequest sent = threeResources();
        byte[] body = sent.toByteArray();
        ExportRequestDecoder.Decoded<ExportTraceServiceRequest> d = ExportRequestDecoder.traces(body);
        assertEquals(sent, d.request());
        assertEquals(3, d.wire().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(sent.getResourceSpans(i).toByteString(), d.wire().get(i));
        }
        SpanBatch batch = SpanBatch.of(d.request().getResourceSpansList(), d.wire(), RequestMetadata.EMPTY);
        assertEquals(15, batch.itemCount());
        assertArrayEquals(body, ExportRequestEncoder.encode(batch));
    }

    @Test
    void entriesWithoutBytesAreEncodedAndTheRequestIsTheSame() throws Exception {
        ExportTraceServiceRequest sent = threeResources();
        ExportRequestDecoder.Decoded<ExportTraceServiceRequest> d = ExportRequestDecoder.traces(sent.toByteArray());
        ResourceSpans changed = d.request().getResourceSpans(1).toBuilder().setSchemaUrl("changed").build();
        List<ResourceSpans> resources = new ArrayList<>(d.request().getResourceSpansList());
        resources.set(1, changed);
        List<ByteString> wire = new ArrayList<>(d.wire());
        wire.set(1, null);
        SpanBatch mixed = SpanBatch.of(resources, wire, RequestMetadata.EMPTY);
        assertArrayEquals(mixed.toRequest().toByteArray(), ExportRequestEncoder.encode(mixed));
        SpanBatch none = SpanBatch.of(resources, RequestMetadata.EMPTY);
        assertArrayEquals(none.toRequest().toByteArray(), ExportRequestEncoder.encode(none));
        assertEquals(none, mixed, "whether bytes are kept does not change equality");
    }

    @Test
    void metricsAndLogsToo() throws Exception {
        ExportMetricsServiceRequest m = fixtures.metricsRequest(40);
        ExportRequestDecoder.Decoded<ExportMetricsServiceRequest> dm = ExportRequestDecoder.metrics(m.toByteArray());
        assertEquals(m, dm.request());
        assertArrayEquals(m.toByteArray(), ExportRequestEncoder.encode(
                MetricBatch.of(dm.request().getResourceMetricsList(), dm.wire(), RequestMetadata.EMPTY)));
        ExportLogsServiceRequest l = fixtures.logsRequest(20);
        ExportRequestDecoder.Decoded<ExportLogsServiceRequest> dl = ExportRequestDecoder.logs(l.toByteArray());
        assertEquals(l, dl.request());
        assertArrayEquals(l.toByteArray(), ExportRequestEncoder.encode(
                LogBatch.of(dl.request().getResourceLogsList(), dl.wire(), RequestMetadata.EMPTY)));
    }

    @Test
    void mergingKeepsTheBytesAndSplittingKeepsThemForWholeEntries() throws Exception {
        ExportTraceServiceRequest first = threeResources();
        ExportTraceServiceRequest second = threeResources();
        BatchMerger merger = new BatchMerger();
        for (ExportTraceServiceRequest r : List.of(first, second)) {
            ExportRequestDecoder.Decoded<ExportTraceServiceRequest> d = ExportRequestDecoder.traces(r.toByteArray());
            merger.add(SpanBatch.of(d.request().getResourceSpansList(), d.wire(), RequestMetadata.EMPTY));
        }
        Batch merged = merger.take(Signal.TRACES, RequestMetadata.EMPTY);
        for (int i = 0; i < 6; i++) {
            assertNotNull(merged.wireOf(i));
        }
        assertArrayEquals(((SpanBatch) merged).toRequest().toByteArray(), ExportRequestEncoder.encode(merged));

        List<Batch> pieces = BatchSplitter.split(merged, 8);
        // 7 | 3+5 would be 8: entry 0 (7 spans) fits whole, entry 1 (3) is cut 1 + 2, ...
        assertNotNull(pieces.get(0).wireOf(0), "a whole entry keeps its bytes");
        assertNull(pieces.get(0).wireOf(1), "a cut entry is rebuilt and loses them");
        List<ResourceSpans> all = new ArrayList<>();
        for (Batch p : pieces) {
            assertArrayEquals(((SpanBatch) p).toRequest().toByteArray(), ExportRequestEncoder.encode(p));
            all.addAll(((SpanBatch) p).resourceSpans());
        }
        assertEquals(30, SpanBatch.countSpans(all));
    }

    @Test
    void malformedBodiesAreInvalidProtocolBuffersNeverSomethingElse() {
        byte[] body = threeResources().toByteArray();
        assertThrows(InvalidProtocolBufferException.class,
                () -> ExportRequestDecoder.traces(Arrays.copyOf(body, body.length - 3)));
        assertThrows(InvalidProtocolBufferException.class, () -> ExportRequestDecoder.traces(new byte[] {0x0a, (byte) 0xff}));
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 2000; i++) {
            byte[] mutated = body.clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                ExportRequestDecoder.Decoded<ExportTraceServiceRequest> d = ExportRequestDecoder.traces(mutated);
                // What decodes must re-encode to the entries it decoded.
                SpanBatch b = SpanBatch.of(d.request().getResourceSpansList(), d.wire(), RequestMetadata.EMPTY);
                assertEquals(d.request(), ExportTraceServiceRequest.parseFrom(ExportRequestEncoder.encode(b)));
            } catch (InvalidProtocolBufferException expected) {
                // refused as bad data: fine
            }
        }
    }
}
