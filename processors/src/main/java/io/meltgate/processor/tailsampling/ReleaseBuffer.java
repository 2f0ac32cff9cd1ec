package io.meltgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.meltgate.core.data.LazyResources;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the spans of sampled traces and cuts them into batches of at most {@code maxSpans} spans and about
 * {@code maxBytes} bytes, never splitting a trace (a trace larger than the bound leaves alone). Each batch is
 * assembled as bytes: one {@code ResourceSpans} entry per distinct resource, one {@code ScopeSpans} per distinct
 * scope under it, the buffered span bytes copied in. The batch carries those bytes, so an OTLP exporter writes
 * them as they are and nothing parses the spans unless a later processor reads them. Pipeline thread only.
 */
final class ReleaseBuffer {

    /** {@code ResourceSpans.scope_spans}: field 2, length-delimited. */
    private static final int SCOPE_SPANS_TAG = (2 << 3) | 2;

    private final int maxSpans;
    private final long maxBytes;
    private final List<SpanChunk> current = new ArrayList<>();
    private int currentSpans;
    private long currentBytes;
    private final List<SpanBatch> ready = new ArrayList<>();

    ReleaseBuffer(int maxSpans, long maxBytes) {
        this.maxSpans = maxSpans;
        this.maxBytes = maxBytes;
    }

    /** Adds the chunks of one trace (or the late spans of sampled traces from one scope): kept in one batch. */
    void add(List<SpanChunk> chunks) {
        int spans = 0;
        long bytes = 0;
        for (SpanChunk c : chunks) {
            spans += c.spanCount();
            bytes += c.spans().length;
        }
        if (spans == 0) {
            return;
        }
        if (!current.isEmpty() && (currentSpans + spans > maxSpans || currentBytes + bytes > maxBytes)) {
            seal();
        }
        current.addAll(chunks);
        currentSpans += spans;
        currentBytes += bytes;
    }

    void add(SpanChunk chunk) {
        add(List.of(chunk));
    }

    boolean isEmpty() {
        return current.isEmpty() && ready.isEmpty();
    }

    /** Every batch collected so far; the buffer is then empty. */
    List<SpanBatch> take() {
        seal();
        List<SpanBatch> out = List.copyOf(ready);
        ready.clear();
        return out;
    }

    private void seal() {
        if (current.isEmpty()) {
            return;
        }
        ready.add(assemble(current, currentSpans));
        current.clear();
        currentSpans = 0;
        currentBytes = 0;
    }

    /** The batch of these chunks, grouped by resource and then scope (equal heads are one group). */
    static SpanBatch assemble(List<SpanChunk> chunks, int spanCount) {
        Map<ByteBuffer, Map<ByteBuffer, List<SpanChunk>>> byResource = new LinkedHashMap<>();
        SpanChunk.Head lastResource = null;
        SpanChunk.Head lastScope = null;
        Map<ByteBuffer, List<SpanChunk>> scopes = null;
        List<SpanChunk> group = null;
        for (SpanChunk c : chunks) {
            // Chunks of one received entry share their head arrays: compare by identity first, content only across.
            if (c.resourceHead() != lastResource) {
                scopes = byResource.computeIfAbsent(ByteBuffer.wrap(c.resourceHead().bytes()), k -> new LinkedHashMap<>());
                lastResource = c.resourceHead();
                lastScope = null;
            }
            if (c.scopeHead() != lastScope) {
                group = scopes.computeIfAbsent(ByteBuffer.wrap(c.scopeHead().bytes()), k -> new ArrayList<>());
                lastScope = c.scopeHead();
            }
            group.add(c);
        }
        List<ByteString> wire = new ArrayList<>(byResource.size());
        for (Map<ByteBuffer, List<SpanChunk>> r : byResource.values()) {
            wire.add(resourceEntry(r));
        }
        return new SpanBatch(LazyResources.spans(wire), spanCount, RequestMetadata.EMPTY, wire);
    }

    /** One ResourceSpans entry: the resource's fields around its scope_spans, each scope's fields around its spans. */
    private static ByteString resourceEntry(Map<ByteBuffer, List<SpanChunk>> scopes) {
        SpanChunk.Head resourceHead = null;
        int size = 0;
        for (List<SpanChunk> s : scopes.values()) {
            resourceHead = s.get(0).resourceHead();
            int scopeSize = scopeSize(s);
            size += 1 + WireBytes.varintSize(scopeSize) + scopeSize;
        }
        size += resourceHead.bytes().length;
        byte[] out = new byte[size];
        int pos = putBefore(resourceHead, out, 0);
        for (List<SpanChunk> s : scopes.values()) {
            out[pos++] = (byte) SCOPE_SPANS_TAG;
            pos = WireBytes.writeVarint(out, pos, scopeSize(s));
            SpanChunk.Head scopeHead = s.get(0).scopeHead();
            pos = putBefore(scopeHead, out, pos);
            for (SpanChunk c : s) {
                System.arraycopy(c.spans(), 0, out, pos, c.spans().length);
                pos += c.spans().length;
            }
            pos = putAfter(scopeHead, out, pos);
        }
        putAfter(resourceHead, out, pos);
        return UnsafeByteOperations.unsafeWrap(out);
    }

    private static int scopeSize(List<SpanChunk> chunks) {
        int n = chunks.get(0).scopeHead().bytes().length;
        for (SpanChunk c : chunks) {
            n += c.spans().length;
        }
        return n;
    }

    private static int putBefore(SpanChunk.Head head, byte[] out, int pos) {
        System.arraycopy(head.bytes(), 0, out, pos, head.split());
        return pos + head.split();
    }

    private static int putAfter(SpanChunk.Head head, byte[] out, int pos) {
        int n = head.bytes().length - head.split();
        System.arraycopy(head.bytes(), head.split(), out, pos, n);
        return pos + n;
    }
}
