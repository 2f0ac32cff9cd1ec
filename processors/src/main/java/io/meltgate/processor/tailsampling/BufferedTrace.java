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

    final TraceKey key;
    final long arrivalNanos;
    /** Set once decided (early or on time); spans still in flight for it then follow it. */
    Decision decision;

    private SpanChunk first;
    private List<SpanChunk> more;

    // Scratch state while one ScopeSpans of an incoming batch is split by trace.
    int pendingBytes;
    int writeOffset;
    byte[] pendingBuffer;

    BufferedTrace(TraceKey key, long arrivalNanos) {
        super(key.high(), key.low());
        this.key = key;
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
        List<SpanChunk> all = new ArrayList<>(1 + (more == null ? 0 : more.size()));
        if (first != null) {
            all.add(first);
        }
        if (more != null) {
            all.addAll(more);
        }
        first = null;
        more = null;
        return all;
    }
}
