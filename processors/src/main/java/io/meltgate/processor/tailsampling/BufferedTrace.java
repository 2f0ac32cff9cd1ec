package io.meltgate.processor.tailsampling;

import io.meltgate.processor.tailsampling.policy.Decision;
import io.meltgate.processor.tailsampling.policy.TraceSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace waiting for its decision: the summary the policies read, updated as spans arrive, and the spans as
 * bytes in chunks grouped by resource and scope. Pipeline thread only.
 */
final class BufferedTrace extends TraceSummary {

    final long arrivalNanos;
    /** Set once decided (early or on time); spans still in flight for it then follow it. */
    Decision decision;

    private SpanChunk first;
    private List<SpanChunk> more;

    // Scratch state while one ScopeSpans of an incoming batch is split by trace.
    int pendingBytes;
    int pendingSpans;
    int writeOffset;
    byte[] pendingBuffer;

    BufferedTrace(long traceIdHigh, long traceIdLow, long arrivalNanos) {
        super(traceIdHigh, traceIdLow);
        this.arrivalNanos = arrivalNanos;
    }

    void addChunk(SpanChunk chunk) {
        if (first == null) {
            first = chunk;
        } else {
            if (more == null) {
                more = new ArrayList<>(2);
            }
            more.add(chunk);
        }
    }

    /** The chunks in arrival order; they are then forgotten (the trace is released or dropped). */
    List<SpanChunk> takeChunks() {
        List<SpanChunk> all;
        if (more == null) {
            all = first == null ? List.of() : List.of(first);
        } else {
            all = new ArrayList<>(1 + more.size());
            all.add(first);
            all.addAll(more);
        }
        first = null;
        more = null;
        return all;
    }
}
