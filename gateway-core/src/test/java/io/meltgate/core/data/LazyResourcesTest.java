package io.meltgate.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LazyResourcesTest {

    private final OtlpFixtures fixtures = new OtlpFixtures(7);

    @Test
    void parsesEachEntryOnFirstAccessOnlyAndEqualsTheOriginal() {
        List<ResourceSpans> original = List.of(fixtures.resourceSpans(3, "a"), fixtures.resourceSpans(2, "b"));
        LazyResources<ResourceSpans> lazy = LazyResources.spans(original.stream().map(ResourceSpans::toByteString).toList());

        assertEquals(2, lazy.size());
        assertFalse(lazy.isParsed(0));
        assertFalse(lazy.isParsed(1));
        ResourceSpans second = lazy.get(1);
        assertFalse(lazy.isParsed(0), "reading one entry parses only that entry");
        assertTrue(lazy.isParsed(1));
        assertSame(second, lazy.get(1), "parsed once, then kept");
        assertEquals(original, lazy);
        assertEquals(original, List.copyOf(lazy));
    }

    @Test
    void concurrentReadersSeeOneEqualMessage() throws Exception {
        ResourceSpans rs = fixtures.resourceSpans(50, "c");
        LazyResources<ResourceSpans> lazy = LazyResources.spans(List.of(rs.toByteString()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ResourceSpans>> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                seen.add(pool.submit(() -> lazy.get(0)));
            }
            for (Future<ResourceSpans> f : seen) {
                assertEquals(rs, f.get(10, TimeUnit.SECONDS));
            }
            assertSame(lazy.get(0), lazy.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mergingBatchesParsesNothingAndMixesParsedAndUnparsedEntries() {
        ResourceSpans a = fixtures.resourceSpans(3, "a");
        ResourceSpans b = fixtures.resourceSpans(4, "b");
        ResourceSpans built = fixtures.resourceSpans(2, "built");
        SpanBatch lazy = new SpanBatch(LazyResources.spans(List.of(a.toByteString(), b.toByteString())), 7,
                RequestMetadata.EMPTY, List.of(a.toByteString(), b.toByteString()));
        ((LazyResources<ResourceSpans>) lazy.resourceSpans()).get(1); // one entry already read by someone
        BatchMerger merger = new BatchMerger();
        merger.add(lazy);
        merger.add(SpanBatch.of(List.of(built), RequestMetadata.EMPTY));
        SpanBatch merged = (SpanBatch) merger.take(io.meltgate.core.signal.Signal.TRACES, RequestMetadata.EMPTY);

        LazyResources<ResourceSpans> list = (LazyResources<ResourceSpans>) merged.resourceSpans();
        assertFalse(list.isParsed(0), "merging parsed nothing");
        assertTrue(list.isParsed(1), "what was parsed stays parsed");
        assertTrue(list.isParsed(2));
        assertEquals(a.toByteString(), merged.wireOf(0));
        assertEquals(null, merged.wireOf(2), "an entry built here has no received bytes");
        assertEquals(9, merged.itemCount());
        assertEquals(List.of(a, b, built), merged.resourceSpans());
    }

    @Test
    void isImmutableAndReportsBytesThatDoNotParse() {
        LazyResources<ResourceSpans> lazy = LazyResources.spans(List.of(ByteString.copyFrom(new byte[] {0x0a, 0x7f})));
        assertThrows(UnsupportedOperationException.class, () -> lazy.add(ResourceSpans.getDefaultInstance()));
        assertThrows(IllegalStateException.class, () -> lazy.get(0));
    }
}
