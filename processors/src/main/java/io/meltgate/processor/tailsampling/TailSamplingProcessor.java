package io.meltgate.processor.tailsampling;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.processor.tailsampling.policy.Decision;
import io.meltgate.processor.tailsampling.policy.DecisionCombiner;
import io.meltgate.processor.tailsampling.policy.PolicyCompiler;
import io.meltgate.processor.tailsampling.policy.SpanPredicate;
import io.meltgate.processor.tailsampling.policy.TraceSummary;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * The {@code tail_sampling} processor: buffers each trace from its first span, decides it {@code decision_wait}
 * later with the policies, and passes on the sampled traces whole, each span under its own resource and scope.
 *
 * <p>Everything runs on the pipeline thread: spans arrive in {@link #consume}, decisions are made in
 * {@link #onTick}. A buffered trace is a summary (what the policies read, updated per span) plus its spans as
 * bytes, so the heap it takes stays close to its wire size. Spans that arrive after their trace's decision follow
 * it at once: the decision is remembered for the last {@code num_traces} decided traces (as the Collector keeps
 * decided traces in its buffer) and, beyond that, in the {@code decision_cache} LRU caches.
 */
public final class TailSamplingProcessor implements Processor {

    private static final Logger LOG = Logger.getLogger(TailSamplingProcessor.class.getName());
    /** Tag and length prefix of one {@code ScopeSpans.spans} (field 2, length-delimited) entry. */
    private static final int SPANS_FIELD_TAG = (2 << 3) | 2;

    private final ComponentContext context;
    private final TailSamplingSettings settings;
    private final BatchConsumer next;
    private final long decisionWaitNanos;
    private final SpanPredicate[] predicates;
    private final List<PolicyCompiler.NamedPolicy> policies;
    private final TailSamplingMetrics metrics;
    private final DecisionCombiner combiner = new DecisionCombiner();

    private final HashMap<TraceKey, BufferedTrace> pending;
    /** Pending traces in arrival order; the head is the next to decide (its deadline is the earliest). */
    private final ArrayDeque<BufferedTrace> arrivalOrder = new ArrayDeque<>();
    private final DecisionCache<Boolean> recentDecisions;
    private final DecisionCache<Boolean> sampledCache;
    private final DecisionCache<Boolean> nonSampledCache;

    // Scratch, reused across batches.
    private BufferedTrace[] owners = new BufferedTrace[64];
    private final List<BufferedTrace> touched = new ArrayList<>();
    private final List<ResourceSpans> released = new ArrayList<>();

    public TailSamplingProcessor(ComponentContext context, TailSamplingSettings settings, BatchConsumer next) {
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(context.id() + ": " + String.join("; ", problems));
        }
        this.context = context;
        this.settings = settings;
        this.next = next;
        this.decisionWaitNanos = settings.decisionWait().toNanos();
        PolicyCompiler.Compiled compiled = PolicyCompiler.compile(settings.policies());
        this.predicates = compiled.predicates().toArray(SpanPredicate[]::new);
        this.policies = compiled.policies();
        long expected = (long) settings.expectedNewTracesPerSec() * Math.max(1, settings.decisionWait().toSeconds());
        this.pending = new HashMap<>((int) Math.min(settings.numTraces(), Math.max(16, expected * 4 / 3 + 1)));
        this.recentDecisions = new DecisionCache<>(settings.numTraces(), false);
        TailSamplingSettings.DecisionCacheSettings dc = settings.decisionCache() == null
                ? TailSamplingSettings.DecisionCacheSettings.defaults() : settings.decisionCache();
        this.sampledCache = new DecisionCache<>(dc.sampledCacheSize(), true);
        this.nonSampledCache = new DecisionCache<>(dc.nonSampledCacheSize(), true);
        this.metrics = new TailSamplingMetrics(context, policies.stream().map(PolicyCompiler.NamedPolicy::name).toList(),
                pending::size);
    }

    @Override
    public void start() {
    }

    @Override
    public void shutdown() {
    }

    /** Traces buffered and not yet decided. */
    public int tracesOnMemory() {
        return pending.size();
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        if (!(batch instanceof SpanBatch spans)) {
            next.consume(batch);
            return;
        }
        long now = System.nanoTime();
        for (ResourceSpans rs : spans.resourceSpans()) {
            Resource resource = rs.getResource();
            long resourceBits = TraceSummary.resourceBits(resource, predicates);
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                bufferScopeSpans(rs, resource, resourceBits, ss, now);
            }
        }
        emitReleased();
    }

    private void bufferScopeSpans(ResourceSpans rs, Resource resource, long resourceBits, ScopeSpans ss, long now)
            throws ConsumeException {
        List<Span> list = ss.getSpansList();
        int n = list.size();
        if (owners.length < n) {
            owners = new BufferedTrace[Math.max(n, owners.length * 2)];
        }
        ScopeSpans.Builder late = null;
        touched.clear();
        // Pass 1: find each span's trace, update the trace summaries, count the bytes each trace takes here.
        for (int i = 0; i < n; i++) {
            Span span = list.get(i);
            TraceKey key = TraceKey.of(span.getTraceId());
            BufferedTrace trace = pending.get(key);
            if (trace == null) {
                Boolean decided = decidedBefore(key);
                if (decided != null) {
                    owners[i] = null;
                    if (decided) {
                        if (late == null) {
                            late = ScopeSpans.newBuilder().setScope(ss.getScope()).setSchemaUrl(ss.getSchemaUrl());
                        }
                        late.addSpans(span);
                    } else {
                        metrics.lateSpansDropped.increment();
                    }
                    continue;
                }
                trace = startTrace(key, now);
            }
            owners[i] = trace;
            int size = span.getSerializedSize();
            int encoded = 1 + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
            trace.add(resource, ss.getScope(), span, resourceBits, predicates, encoded);
            if (trace.pendingBytes == 0) {
                touched.add(trace);
            }
            trace.pendingBytes += encoded;
        }
        // Pass 2: write each trace's spans of this scope into one exact-size chunk.
        for (BufferedTrace t : touched) {
            t.pendingBuffer = new byte[t.pendingBytes];
            t.writeOffset = 0;
        }
        try {
            for (int i = 0; i < n; i++) {
                BufferedTrace t = owners[i];
                if (t == null) {
                    continue;
                }
                owners[i] = null;
                Span span = list.get(i);
                int size = span.getSerializedSize();
                CodedOutputStream out = CodedOutputStream.newInstance(t.pendingBuffer, t.writeOffset,
                        t.pendingBuffer.length - t.writeOffset);
                out.writeUInt32NoTag(SPANS_FIELD_TAG);
                out.writeUInt32NoTag(size);
                span.writeTo(out);
                t.writeOffset += out.getTotalBytesWritten();
            }
        } catch (IOException e) {
            throw ConsumeException.permanent("tail_sampling: could not buffer spans", e);
        }
        for (BufferedTrace t : touched) {
            SpanChunk chunk = new SpanChunk(resource, rs.getSchemaUrl(), ss.getScope(), ss.getSchemaUrl(), t.pendingBuffer);
            t.pendingBuffer = null;
            t.pendingBytes = 0;
            if (t.decision == null) {
                t.addChunk(chunk);
            } else if (t.decision == Decision.SAMPLED) {
                // Decided early while this scope was being split: these spans follow the decision.
                addReleased(List.of(chunk));
            } else {
                metrics.lateSpansDropped.increment(countSpans(chunk));
            }
        }
        touched.clear();
        if (late != null) {
            released.add(ResourceSpans.newBuilder().setResource(resource).setSchemaUrl(rs.getSchemaUrl())
                    .addScopeSpans(late).build());
        }
    }

    /** The remembered decision of a trace no longer buffered: true sampled, false not, null unknown. */
    private Boolean decidedBefore(TraceKey key) {
        if (sampledCache.get(key) != null) {
            metrics.earlyReleasesSampled.increment();
            return Boolean.TRUE;
        }
        if (nonSampledCache.get(key) != null) {
            metrics.earlyReleasesNotSampled.increment();
            return Boolean.FALSE;
        }
        return recentDecisions.get(key);
    }

    private BufferedTrace startTrace(TraceKey key, long now) throws ConsumeException {
        while (pending.size() >= settings.numTraces()) {
            BufferedTrace oldest = arrivalOrder.peekFirst();
            if (settings.blockOnOverflow()) {
                // Wait, on the pipeline thread (so back-pressure reaches the receivers), for the oldest trace's
                // decision time, then decide it as usual.
                long wait = oldest.arrivalNanos + decisionWaitNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                onTick(System.nanoTime());
            } else {
                arrivalOrder.pollFirst();
                metrics.droppedTooEarly.increment();
                decide(oldest, System.nanoTime());
            }
        }
        BufferedTrace trace = new BufferedTrace(key, now);
        pending.put(key, trace);
        arrivalOrder.addLast(trace);
        metrics.newTraceIdReceived.increment();
        return trace;
    }

    @Override
    public void onTick(long nanoTime) throws ConsumeException {
        long start = System.nanoTime();
        boolean any = false;
        BufferedTrace head;
        while ((head = arrivalOrder.peekFirst()) != null && nanoTime - head.arrivalNanos >= decisionWaitNanos) {
            arrivalOrder.pollFirst();
            decide(head, nanoTime);
            any = true;
        }
        if (any) {
            metrics.decisionTimerLatencyMillis.record((System.nanoTime() - start) / 1e6);
        }
        emitReleased();
    }

    /** Decides one trace (already taken off {@link #arrivalOrder}) and queues its spans if sampled. */
    private void decide(BufferedTrace trace, long now) {
        pending.remove(trace.key);
        Decision decision = evaluate(trace, now);
        trace.decision = decision;
        metrics.globalCountTracesSampled[decision.ordinal()].increment();
        boolean sampled = decision == Decision.SAMPLED;
        recentDecisions.put(trace.key, sampled);
        (sampled ? sampledCache : nonSampledCache).put(trace.key, Boolean.TRUE);
        List<SpanChunk> chunks = trace.takeChunks();
        if (sampled) {
            addReleased(chunks);
        }
    }

    private Decision evaluate(BufferedTrace trace, long now) {
        combiner.reset();
        for (int i = 0; i < policies.size(); i++) {
            long t0 = System.nanoTime();
            Decision d = policies.get(i).policy().evaluate(trace, now);
            metrics.decisionLatencyMicros[i].record((System.nanoTime() - t0) / 1000.0);
            metrics.countTracesSampled[i][d.ordinal()].increment();
            combiner.add(d);
            if (d == Decision.DROPPED || (settings.sampleOnFirstMatch() && d == Decision.SAMPLED)) {
                break;
            }
        }
        return combiner.result();
    }

    private void addReleased(List<SpanChunk> chunks) {
        ResourceSpans.Builder rsb = null;
        SpanChunk previous = null;
        try {
            for (SpanChunk c : chunks) {
                if (rsb == null || previous.resource() != c.resource()
                        || !previous.resourceSchemaUrl().equals(c.resourceSchemaUrl())) {
                    if (rsb != null) {
                        released.add(rsb.build());
                    }
                    rsb = ResourceSpans.newBuilder().setResource(c.resource()).setSchemaUrl(c.resourceSchemaUrl());
                }
                rsb.addScopeSpans(ScopeSpans.newBuilder().setScope(c.scope()).setSchemaUrl(c.scopeSchemaUrl())
                        .mergeFrom(c.spans()));
                previous = c;
            }
        } catch (InvalidProtocolBufferException e) {
            // Our own encoding; cannot happen unless memory is corrupt.
            throw new IllegalStateException("tail_sampling: buffered spans do not decode", e);
        }
        if (rsb != null) {
            released.add(rsb.build());
        }
    }

    private static int countSpans(SpanChunk chunk) {
        try {
            return ScopeSpans.parseFrom(chunk.spans()).getSpansCount();
        } catch (InvalidProtocolBufferException e) {
            return 0;
        }
    }

    private void emitReleased() throws ConsumeException {
        if (released.isEmpty()) {
            return;
        }
        List<ResourceSpans> out = List.copyOf(released);
        released.clear();
        next.consume(SpanBatch.of(out, RequestMetadata.EMPTY));
    }

    /**
     * On a graceful stop: decides every trace still waiting with the spans it has, or, with
     * {@code drop_pending_traces_on_shutdown}, drops them.
     */
    @Override
    public void flush() throws ConsumeException {
        if (settings.dropPendingTracesOnShutdown()) {
            if (!pending.isEmpty()) {
                LOG.info(context.id() + ": dropping " + pending.size() + " traces still waiting for a decision"
                        + " (drop_pending_traces_on_shutdown)");
            }
            pending.clear();
            arrivalOrder.clear();
            return;
        }
        long now = System.nanoTime();
        BufferedTrace t;
        while ((t = arrivalOrder.pollFirst()) != null) {
            decide(t, now);
        }
        emitReleased();
    }
}
