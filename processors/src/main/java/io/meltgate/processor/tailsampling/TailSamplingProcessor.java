package io.meltgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LazyResources;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.processor.tailsampling.policy.Decision;
import io.meltgate.processor.tailsampling.policy.DecisionCombiner;
import io.meltgate.processor.tailsampling.policy.PolicyCompiler;
import io.meltgate.processor.tailsampling.policy.SpanFields;
import io.meltgate.processor.tailsampling.policy.SpanPredicate;
import io.meltgate.processor.tailsampling.policy.TraceSummary;
import io.meltgate.processor.tailsampling.policy.WireSpanPredicate;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * The {@code tail_sampling} processor: buffers each trace from its first span, decides it {@code decision_wait}
 * later with the policies, and passes on the sampled traces whole, each span under its own resource and scope.
 *
 * <p>Everything runs on the pipeline thread: spans arrive in {@link #consume}, decisions are made in
 * {@link #onTick}. The processor works on the protobuf bytes of the spans: it reads each span's trace id, times,
 * status and flags straight from the received bytes, copies the span's bytes into its trace's buffer, and parses
 * a span only when a policy still needs to look at it (an attribute or OTTL policy that has not matched the trace
 * yet). A resource entry without received bytes (built or changed by an earlier processor) is encoded once and
 * goes the same way. A buffered trace is a summary (what the policies read, updated per span) plus its spans as
 * bytes, so the heap it takes stays close to its wire size. Sampled traces leave as batches assembled from those
 * bytes, of at most {@value #MAX_RELEASE_SPANS} spans / {@value #MAX_RELEASE_BYTES} bytes each.
 *
 * <p>Spans that arrive after their trace's decision follow it at once: the decision is remembered for the last
 * {@code num_traces} decided traces (as the Collector keeps decided traces in its buffer) and, beyond that, in
 * the {@code decision_cache} LRU caches.
 */
public final class TailSamplingProcessor implements Processor {

    private static final Logger LOG = Logger.getLogger(TailSamplingProcessor.class.getName());
    /** Upper bound of the spans in one released batch (a larger trace leaves alone in its batch). */
    static final int MAX_RELEASE_SPANS = 8192;
    /** Upper bound of the span bytes in one released batch. */
    static final int MAX_RELEASE_BYTES = 4 << 20;

    /** {@code ResourceSpans.scope_spans} and {@code ScopeSpans.spans}: field 2, length-delimited. */
    private static final int FIELD_2_TAG = (2 << 3) | 2;
    /** Span fields read from the bytes (opentelemetry/proto/trace/v1/trace.proto). */
    private static final int TRACE_ID_TAG = (1 << 3) | 2;
    private static final int START_TIME_TAG = (7 << 3) | 1;
    private static final int END_TIME_TAG = (8 << 3) | 1;
    private static final int STATUS_TAG = (15 << 3) | 2;
    private static final int FLAGS_TAG = (16 << 3) | 5;
    /** {@code Status.code}: field 3, varint. */
    private static final int STATUS_CODE_TAG = (3 << 3);

    private final ComponentContext context;
    private final TailSamplingSettings settings;
    private final BatchConsumer next;
    private final long decisionWaitNanos;
    private final SpanPredicate[] predicates;
    /** Bits of all predicates, and of those that answer from {@link SpanFields} without a parse. */
    private final long allPredicates;
    private final long wirePredicates;
    private final List<PolicyCompiler.NamedPolicy> policies;
    private final TailSamplingMetrics metrics;
    private final DecisionCombiner combiner = new DecisionCombiner();

    private final TraceTable pending;
    /** Pending traces in arrival order; the head is the next to decide (its deadline is the earliest). */
    private final ArrayDeque<BufferedTrace> arrivalOrder = new ArrayDeque<>();
    private final DecidedTraces recentDecisions;
    private final DecisionCache<Boolean> sampledCache;
    private final DecisionCache<Boolean> nonSampledCache;
    private final ReleaseBuffer release = new ReleaseBuffer(MAX_RELEASE_SPANS, MAX_RELEASE_BYTES);

    // Scratch, reused across batches (pipeline thread only).
    /** Collects the late spans of already-sampled traces of one scope, as if they were one more trace. */
    private final BufferedTrace lateSampled = new BufferedTrace(0, 0, 0);
    private final SpanFields fields = new SpanFields();
    private long spanHigh;
    private long spanLow;
    private long spanStart;
    private long spanEnd;
    private BufferedTrace[] owners = new BufferedTrace[64];
    private int[] spanEntryStart = new int[64];
    private int[] spanPayloadStart = new int[64];
    private int[] spanPayloadLength = new int[64];
    private final IntRanges headBefore = new IntRanges();
    private final IntRanges headAfter = new IntRanges();
    private final IntRanges scopePayloads = new IntRanges();
    private final List<BufferedTrace> touched = new ArrayList<>();
    /** Numbers the resource entries consumed (never 0), so a late trace's age is recorded once per entry. */
    private int resourceEntry;

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
        long all = 0;
        long wire = 0;
        for (int i = 0; i < predicates.length; i++) {
            all |= 1L << i;
            if (predicates[i] instanceof WireSpanPredicate) {
                wire |= 1L << i;
            }
        }
        this.allPredicates = all;
        this.wirePredicates = wire;
        this.policies = compiled.policies();
        long expected = (long) settings.expectedNewTracesPerSec() * Math.max(1, settings.decisionWait().toSeconds());
        this.pending = new TraceTable((int) Math.min(settings.numTraces(), Math.max(1024, expected)));
        this.recentDecisions = new DecidedTraces(settings.numTraces());
        TailSamplingSettings.DecisionCacheSettings dc = settings.decisionCache() == null
                ? TailSamplingSettings.DecisionCacheSettings.defaults() : settings.decisionCache();
        this.sampledCache = new DecisionCache<>(dc.sampledCacheSize(), true);
        this.nonSampledCache = new DecisionCache<>(dc.nonSampledCacheSize(), true);
        this.lateSampled.decision = Decision.SAMPLED;
        this.metrics = new TailSamplingMetrics(context, policies.stream().map(PolicyCompiler.NamedPolicy::name).toList(),
                pending::size);
    }

    @Override
    public void start() {
    }

    @Override
    public void shutdown() {
    }

    /**
     * Only attribute, {@code trace_state} and OTTL policies look inside spans (and only until their trace matched);
     * with them, receivers parse the batches on their own threads, in parallel, and this processor uses what they
     * parsed. Without them it reads the few fields it needs from the bytes and parses nothing.
     */
    @Override
    public boolean readsItems() {
        return (allPredicates & ~wirePredicates) != 0;
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
        List<ResourceSpans> entries = spans.resourceSpans();
        LazyResources<ResourceSpans> lazy = entries instanceof LazyResources<ResourceSpans> l ? l : null;
        try {
            for (int r = 0, n = spans.resourceCount(); r < n; r++) {
                ByteString wire = spans.wireOf(r);
                if (wire != null) {
                    // The bytes are what is read and kept; an entry already parsed (by the receiver, for a pipeline
                    // whose policies read attributes) saves parsing its spans again.
                    ResourceSpans parsed = lazy != null ? lazy.parsedOrNull(r) : entries.get(r);
                    WireBytes.Range range = WireBytes.of(wire);
                    bufferResource(range.array(), range.offset(), range.length(), parsed, now);
                } else {
                    // Built or changed by an earlier processor: encode it once, then the same path as received bytes.
                    ResourceSpans rs = entries.get(r);
                    byte[] bytes = rs.toByteArray();
                    bufferResource(bytes, 0, bytes.length, rs, now);
                }
            }
        } catch (IOException e) {
            throw ConsumeException.permanent("tail_sampling: a resource entry does not parse", e);
        }
        emitReleased();
    }

    /**
     * Buffers the spans of one {@code ResourceSpans} entry given as its bytes {@code a[off, off + len)}.
     *
     * @param decoded the same entry decoded, when the batch has it so (spans are then not parsed again)
     */
    private void bufferResource(byte[] a, int off, int len, ResourceSpans decoded, long now)
            throws IOException, ConsumeException {
        headBefore.clear();
        headAfter.clear();
        scopePayloads.clear();
        if (++resourceEntry == 0) {
            resourceEntry = 1;
        }
        CodedInputStream in = CodedInputStream.newInstance(a, off, len);
        while (true) {
            int at = off + in.getTotalBytesRead();
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            if (tag == FIELD_2_TAG) {
                int length = in.readRawVarint32();
                scopePayloads.add(off + in.getTotalBytesRead(), length);
                in.skipRawBytes(length);
            } else {
                skip(in, tag);
                (WireFormat.getTagFieldNumber(tag) < 2 ? headBefore : headAfter).add(at, off + in.getTotalBytesRead() - at);
            }
        }
        SpanChunk.Head resourceHead = IntRanges.head(a, headBefore, headAfter);
        Resource resource = null;
        long resourceBits = 0;
        if ((allPredicates & ~wirePredicates) != 0) {
            // Attribute and OTTL predicates look at the resource: parse it once per entry.
            resource = decoded != null ? decoded.getResource() : ResourceSpans.parseFrom(resourceHead.bytes()).getResource();
            resourceBits = TraceSummary.resourceBits(resource, predicates);
        }
        int scopes = scopePayloads.size();
        int[] starts = Arrays.copyOf(scopePayloads.starts, scopes);
        int[] lengths = Arrays.copyOf(scopePayloads.lengths, scopes);
        for (int j = 0; j < scopes; j++) {
            bufferScope(a, starts[j], lengths[j], resourceHead, resource, resourceBits,
                    decoded != null ? decoded.getScopeSpans(j) : null, now);
        }
    }

    private void bufferScope(byte[] a, int off, int len, SpanChunk.Head resourceHead, Resource resource, long resourceBits,
                             ScopeSpans decoded, long now) throws IOException, ConsumeException {
        // Where the scope's own fields and each span entry are.
        headBefore.clear();
        headAfter.clear();
        int n = 0;
        CodedInputStream in = CodedInputStream.newInstance(a, off, len);
        while (true) {
            int at = off + in.getTotalBytesRead();
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            if (tag == FIELD_2_TAG) {
                int length = in.readRawVarint32();
                if (n == owners.length) {
                    growSpanScratch();
                }
                spanEntryStart[n] = at;
                spanPayloadStart[n] = off + in.getTotalBytesRead();
                spanPayloadLength[n] = length;
                n++;
                in.skipRawBytes(length);
            } else {
                skip(in, tag);
                (WireFormat.getTagFieldNumber(tag) < 2 ? headBefore : headAfter).add(at, off + in.getTotalBytesRead() - at);
            }
        }
        SpanChunk.Head scopeHead = IntRanges.head(a, headBefore, headAfter);
        try {
            splitScope(a, n, scopeHead, resourceHead, resource, resourceBits, decoded, now);
        } finally {
            // After a failure part way (a span that does not parse), leave no scratch state to the next batch.
            for (BufferedTrace t : touched) {
                t.pendingBuffer = null;
                t.pendingBytes = 0;
                t.pendingSpans = 0;
            }
            touched.clear();
            Arrays.fill(owners, 0, n, null);
        }
    }

    /** Splits the {@code n} spans found in a scope by trace: summaries updated, bytes copied into chunks. */
    private void splitScope(byte[] a, int n, SpanChunk.Head scopeHead, SpanChunk.Head resourceHead, Resource resource,
                            long resourceBits, ScopeSpans decoded, long now) throws IOException, ConsumeException {
        InstrumentationScope scope = null;
        touched.clear();
        // Pass 1: find each span's trace, update the trace summaries, count the bytes each trace takes here.
        for (int k = 0; k < n; k++) {
            int payload = spanPayloadStart[k];
            int payloadLength = spanPayloadLength[k];
            readSpanFields(a, payload, payloadLength);
            int entryLength = payload + payloadLength - spanEntryStart[k];
            BufferedTrace trace = pending.get(spanHigh, spanLow);
            if (trace == null) {
                int decided = decidedBefore(spanHigh, spanLow, now);
                if (decided == 0) {
                    owners[k] = null;
                    metrics.lateSpansDropped.increment();
                    continue;
                }
                if (decided == 1) {
                    owners[k] = lateSampled;
                    claim(lateSampled, entryLength);
                    continue;
                }
                trace = startTrace(spanHigh, spanLow, now);
            }
            owners[k] = trace;
            trace.recordSpan(spanStart, spanEnd, entryLength);
            long unknown = allPredicates & ~(trace.matchedBits() | resourceBits);
            long matched = resourceBits;
            if (unknown != 0) {
                for (long b = unknown & wirePredicates; b != 0; b &= b - 1) {
                    int i = Long.numberOfTrailingZeros(b);
                    if (((WireSpanPredicate) predicates[i]).matchesFields(fields)) {
                        matched |= 1L << i;
                    }
                }
                long parse = unknown & ~wirePredicates;
                if (parse != 0) {
                    Span span = decoded != null ? decoded.getSpans(k) : Span.parser().parseFrom(a, payload, payloadLength);
                    if (scope == null) {
                        scope = decoded != null ? decoded.getScope() : ScopeSpans.parseFrom(scopeHead.bytes()).getScope();
                    }
                    for (long b = parse; b != 0; b &= b - 1) {
                        int i = Long.numberOfTrailingZeros(b);
                        if (predicates[i].matchesSpan(resource, scope, span)) {
                            matched |= 1L << i;
                        }
                    }
                }
            }
            trace.addMatched(matched);
            claim(trace, entryLength);
        }
        // Pass 2: copy each trace's span entries of this scope into one exact-size array.
        for (BufferedTrace t : touched) {
            t.pendingBuffer = new byte[t.pendingBytes];
            t.writeOffset = 0;
        }
        for (int k = 0; k < n; k++) {
            BufferedTrace t = owners[k];
            if (t == null) {
                continue;
            }
            owners[k] = null;
            int length = spanPayloadStart[k] + spanPayloadLength[k] - spanEntryStart[k];
            System.arraycopy(a, spanEntryStart[k], t.pendingBuffer, t.writeOffset, length);
            t.writeOffset += length;
        }
        for (BufferedTrace t : touched) {
            SpanChunk chunk = new SpanChunk(resourceHead, scopeHead, t.pendingBuffer, t.pendingSpans);
            t.pendingBuffer = null;
            t.pendingBytes = 0;
            t.pendingSpans = 0;
            if (t.decision == null) {
                t.addChunk(chunk);
            } else if (t.decision == Decision.SAMPLED) {
                // Late spans of sampled traces, or a trace decided early while this scope was being split.
                release.add(chunk);
            } else {
                metrics.lateSpansDropped.increment(chunk.spanCount());
            }
        }
        touched.clear();
    }

    private void claim(BufferedTrace owner, int entryLength) {
        if (owner.pendingBytes == 0) {
            touched.add(owner);
        }
        owner.pendingBytes += entryLength;
        owner.pendingSpans++;
    }

    /** Reads trace id, times, status code and flags of the span {@code a[off, off + len)} into the scratch fields. */
    private void readSpanFields(byte[] a, int off, int len) throws IOException {
        long hi = 0;
        long lo = 0;
        long start = 0;
        long end = 0;
        fields.reset();
        CodedInputStream in = CodedInputStream.newInstance(a, off, len);
        while (true) {
            int tag = in.readTag();
            switch (tag) {
                case 0:
                    spanHigh = hi;
                    spanLow = lo;
                    spanStart = start;
                    spanEnd = end;
                    return;
                case TRACE_ID_TAG: {
                    int length = in.readRawVarint32();
                    int p = off + in.getTotalBytesRead();
                    in.skipRawBytes(length);
                    // The first 8 bytes, then the next 8 (OTLP ids are 16 bytes; a shorter one fills fewer bits).
                    hi = 0;
                    lo = 0;
                    for (int i = 0; i < 8 && i < length; i++) {
                        hi = (hi << 8) | (a[p + i] & 0xff);
                    }
                    for (int i = 8; i < 16 && i < length; i++) {
                        lo = (lo << 8) | (a[p + i] & 0xff);
                    }
                    break;
                }
                case START_TIME_TAG:
                    start = in.readFixed64();
                    break;
                case END_TIME_TAG:
                    end = in.readFixed64();
                    break;
                case FLAGS_TAG:
                    fields.flags = in.readFixed32();
                    break;
                case STATUS_TAG: {
                    int length = in.readRawVarint32();
                    int limit = in.pushLimit(length);
                    int t;
                    while ((t = in.readTag()) != 0) {
                        if (t == STATUS_CODE_TAG) {
                            fields.statusCode = in.readEnum();
                        } else {
                            skip(in, t);
                        }
                    }
                    in.popLimit(limit);
                    break;
                }
                default:
                    skip(in, tag);
            }
        }
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new com.google.protobuf.InvalidProtocolBufferException("unexpected end-group tag");
        }
    }

    private void growSpanScratch() {
        int n = owners.length * 2;
        owners = Arrays.copyOf(owners, n);
        spanEntryStart = Arrays.copyOf(spanEntryStart, n);
        spanPayloadStart = Arrays.copyOf(spanPayloadStart, n);
        spanPayloadLength = Arrays.copyOf(spanPayloadLength, n);
    }

    /**
     * The remembered decision of a trace no longer buffered: 1 sampled, 0 not, -1 unknown. A hit in the decision
     * caches counts as an early release, as in the Collector; a hit among the recently decided traces records the
     * late spans' age once per trace and resource entry, as the Collector records it once per trace and request.
     */
    private int decidedBefore(long high, long low, long now) {
        if (sampledCache.enabled() || nonSampledCache.enabled()) {
            TraceKey key = new TraceKey(high, low);
            if (sampledCache.get(key) != null) {
                metrics.earlyReleasesSampled.increment();
                return 1;
            }
            if (nonSampledCache.get(key) != null) {
                metrics.earlyReleasesNotSampled.increment();
                return 0;
            }
        }
        int p = recentDecisions.find(high, low);
        if (p < 0) {
            return -1;
        }
        if (recentDecisions.mark(p, resourceEntry)) {
            metrics.lateSpanAgeSeconds.record((now - recentDecisions.decidedAt(p)) / 1_000_000_000L);
        }
        return recentDecisions.sampled(p) ? 1 : 0;
    }

    private BufferedTrace startTrace(long high, long low, long now) throws ConsumeException {
        while (pending.size() >= settings.numTraces()) {
            BufferedTrace oldest = arrivalOrder.peekFirst();
            if (settings.blockOnOverflow()) {
                // Wait, on the pipeline thread (so back-pressure reaches the receivers), for the oldest trace's
                // decision time, then decide it as usual.
                long wait = oldest.arrivalNanos + decisionWaitNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                // Decide only: what it releases leaves at the end of this consume, not in the middle of a split.
                decideDue(System.nanoTime());
            } else {
                arrivalOrder.pollFirst();
                metrics.droppedTooEarly.increment();
                decide(oldest, System.nanoTime());
            }
        }
        BufferedTrace trace = new BufferedTrace(high, low, now);
        pending.add(trace);
        arrivalOrder.addLast(trace);
        metrics.newTraceIdReceived.increment();
        return trace;
    }

    @Override
    public void onTick(long nanoTime) throws ConsumeException {
        decideDue(nanoTime);
        emitReleased();
    }

    /** Decides every trace whose {@code decision_wait} has passed; the sampled ones wait in {@link #release}. */
    private void decideDue(long nanoTime) {
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
    }

    /** Decides one trace (already taken off {@link #arrivalOrder}) and queues its spans if sampled. */
    private void decide(BufferedTrace trace, long now) {
        pending.remove(trace);
        Decision decision = evaluate(trace, now);
        trace.decision = decision;
        metrics.globalCountTracesSampled[decision.ordinal()].increment();
        boolean sampled = decision == Decision.SAMPLED;
        recentDecisions.put(trace.traceIdHigh(), trace.traceIdLow(), sampled, System.nanoTime());
        DecisionCache<Boolean> cache = sampled ? sampledCache : nonSampledCache;
        if (cache.enabled()) {
            cache.put(new TraceKey(trace.traceIdHigh(), trace.traceIdLow()), Boolean.TRUE);
        }
        List<SpanChunk> chunks = trace.takeChunks();
        if (sampled) {
            release.add(chunks);
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

    /** Passes on what was released, batch by batch; a refused batch does not hold back the others. */
    private void emitReleased() throws ConsumeException {
        if (release.isEmpty()) {
            return;
        }
        ConsumeException first = null;
        for (SpanBatch b : release.take()) {
            try {
                next.consume(b);
            } catch (ConsumeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * On a graceful stop: decides every trace still waiting with the spans it has, or, with
     * {@code drop_pending_traces_on_shutdown}, drops them.
     */
    @Override
    public void flush() throws ConsumeException {
        if (settings.dropPendingTracesOnShutdown()) {
            if (pending.size() > 0) {
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
