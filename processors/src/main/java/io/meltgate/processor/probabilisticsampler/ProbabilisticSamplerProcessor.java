package io.meltgate.processor.probabilisticsampler;

import com.google.protobuf.ByteString;
import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.component.Processor;
import io.meltgate.core.consumer.BatchConsumer;
import io.meltgate.core.consumer.ConsumeException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.signal.Signal;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code probabilistic_sampler} processor: head sampling of spans and log records, one item at a time,
 * consistent across items of a trace. In {@code hash_seed} mode it keeps exactly what the Collector keeps for the
 * same seed and percentage; in every mode a kept item carries its threshold ({@code ot=th:} in {@code tracestate},
 * {@code sampling.threshold} on log records). A batch whose items are all kept unchanged passes on as it came.
 */
public final class ProbabilisticSamplerProcessor implements Processor {

    static final String PRIORITY_ATTRIBUTE = "sampling.priority";
    static final String LOG_THRESHOLD_ATTRIBUTE = "sampling.threshold";
    static final String LOG_RANDOMNESS_ATTRIBUTE = "sampling.randomness";

    /** The {@code policy} attribute of the count metrics: where the decision's randomness came from. */
    enum Policy {
        TRACE_ID_HASH, TRACE_ID_W3C, TRACE_STATE, ATTRIBUTE_HASH, SAMPLING_PRIORITY, MISSING_RANDOMNESS;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final ProbabilisticSamplerSettings settings;
    private final BatchConsumer next;
    private final ConsistentSampler sampler;
    private final Map<Policy, Counter> sampledCounters = new EnumMap<>(Policy.class);
    private final Map<Policy, Counter> notSampledCounters = new EnumMap<>(Policy.class);

    public ProbabilisticSamplerProcessor(ComponentContext context, ProbabilisticSamplerSettings settings, Signal signal,
                                        BatchConsumer next) {
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(context.id() + ": " + String.join("; ", problems));
        }
        this.settings = settings;
        this.next = next;
        this.sampler = new ConsistentSampler(settings.samplerMode(), settings.samplingPercentage(), settings.hashSeed(),
                settings.samplingPrecision());
        String name = "otelcol_processor_probabilistic_sampler_count_" + (signal == Signal.LOGS ? "logs" : "traces")
                + "_sampled";
        for (Policy p : Policy.values()) {
            sampledCounters.put(p, Counter.builder(name).description("Count of " + signal.itemNoun()
                    + " that were sampled or not").tags(context.tags()).tag("policy", p.tag()).tag("sampled", "true")
                    .register(context.meters()));
            notSampledCounters.put(p, Counter.builder(name).description("Count of " + signal.itemNoun()
                    + " that were sampled or not").tags(context.tags()).tag("policy", p.tag()).tag("sampled", "false")
                    .register(context.meters()));
        }
    }

    @Override
    public void start() {
    }

    @Override
    public void shutdown() {
    }

    @Override
    public void consume(Batch batch) throws ConsumeException {
        Batch out = batch;
        if (batch instanceof SpanBatch spans) {
            out = sampleSpans(spans);
        } else if (batch instanceof LogBatch logs) {
            out = sampleLogs(logs);
        }
        if (out != null && !out.isEmpty()) {
            next.consume(out);
        }
    }

    /** The outcome for one item: dropped, kept as is, or kept with new sampling information. */
    private record Outcome(boolean keep, long threshold, long randomnessToRecord) {
        static final Outcome DROP = new Outcome(false, -1, -1);
        static final Outcome PASS = new Outcome(true, -1, -1);
    }

    private void count(Policy p, boolean sampled) {
        (sampled ? sampledCounters : notSampledCounters).get(p).increment();
    }

    private static boolean validTraceId(ByteString id) {
        if (id.size() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            if (id.byteAt(i) != 0) {
                return true;
            }
        }
        return false;
    }

    private static long low56(ByteString id) {
        long v = 0;
        for (int i = 9; i < 16; i++) {
            v = (v << 8) | (id.byteAt(i) & 0xff);
        }
        return v;
    }

    private Outcome errorOutcome() {
        count(Policy.MISSING_RANDOMNESS, !settings.failClosed());
        return settings.failClosed() ? Outcome.DROP : Outcome.PASS;
    }

    // ---- traces ----

    private SpanBatch sampleSpans(SpanBatch batch) {
        boolean changed = false;
        List<ResourceSpans> out = new ArrayList<>(batch.resourceSpans().size());
        for (ResourceSpans rs : batch.resourceSpans()) {
            boolean rsChanged = false;
            List<ScopeSpans> scopes = new ArrayList<>(rs.getScopeSpansCount());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                List<Span> kept = new ArrayList<>(ss.getSpansCount());
                boolean ssChanged = false;
                for (Span s : ss.getSpansList()) {
                    Outcome o = decideSpan(s);
                    if (!o.keep()) {
                        ssChanged = true;
                    } else if (o.threshold() >= 0) {
                        OtelTraceState ts = OtelTraceState.parse(s.getTraceState());
                        ts.threshold = o.threshold();
                        if (o.randomnessToRecord() >= 0) {
                            ts.randomness = o.randomnessToRecord();
                        }
                        String updated = ts.serialize();
                        if (!updated.equals(s.getTraceState())) {
                            s = s.toBuilder().setTraceState(updated).build();
                            ssChanged = true;
                        }
                        kept.add(s);
                    } else {
                        kept.add(s);
                    }
                }
                if (ssChanged) {
                    rsChanged = true;
                    if (!kept.isEmpty()) {
                        scopes.add(ss.toBuilder().clearSpans().addAllSpans(kept).build());
                    }
                } else {
                    scopes.add(ss);
                }
            }
            if (rsChanged) {
                changed = true;
                if (!scopes.isEmpty()) {
                    out.add(rs.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build());
                }
            } else {
                out.add(rs);
            }
        }
        return changed ? SpanBatch.of(out, batch.metadata()) : batch;
    }

    private Outcome decideSpan(Span s) {
        Double priority = numericAttribute(s.getAttributesList(), PRIORITY_ATTRIBUTE);
        OtelTraceState ts = OtelTraceState.parse(s.getTraceState());
        ByteString tid = s.getTraceId();
        long randomness;
        long recordRandomness = -1;
        Policy policy;
        long threshold;
        if (ts.malformed) {
            return errorOutcome();
        }
        if (sampler.mode == SamplerMode.HASH_SEED) {
            // A tracestate that already carries consistent-sampling information must be left alone: using this
            // mode with it is an error, as in the Collector.
            if (ts.randomness >= 0 || ts.threshold >= 0 || !validTraceId(tid)) {
                return errorOutcome();
            }
            randomness = sampler.hashRandomness(tid.toByteArray());
            recordRandomness = randomness;
            policy = Policy.TRACE_ID_HASH;
            threshold = sampler.configuredThreshold;
        } else {
            if (ts.randomness >= 0) {
                randomness = ts.randomness;
                policy = Policy.TRACE_STATE;
            } else if (validTraceId(tid)) {
                randomness = low56(tid);
                policy = Policy.TRACE_ID_W3C;
            } else {
                return errorOutcome();
            }
            if (ts.threshold >= 0 && !ConsistentSampler.sampled(ts.threshold, randomness)) {
                // An arriving threshold that would not have sampled this item: inconsistent.
                return errorOutcome();
            }
            threshold = sampler.thresholdGiven(ts.threshold);
        }
        if (priority != null) {
            policy = Policy.SAMPLING_PRIORITY;
            threshold = priority == 0 ? Threshold.NEVER : Threshold.ALWAYS;
        }
        boolean sampled = ConsistentSampler.sampled(threshold, randomness);
        count(policy, sampled);
        return sampled ? new Outcome(true, threshold, recordRandomness) : Outcome.DROP;
    }

    // ---- logs ----

    private LogBatch sampleLogs(LogBatch batch) {
        boolean changed = false;
        List<ResourceLogs> out = new ArrayList<>(batch.resourceLogs().size());
        for (ResourceLogs rl : batch.resourceLogs()) {
            boolean rlChanged = false;
            List<ScopeLogs> scopes = new ArrayList<>(rl.getScopeLogsCount());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                List<LogRecord> kept = new ArrayList<>(sl.getLogRecordsCount());
                boolean slChanged = false;
                for (LogRecord r : sl.getLogRecordsList()) {
                    Outcome o = decideLog(r);
                    if (!o.keep()) {
                        slChanged = true;
                        continue;
                    }
                    if (o.threshold() >= 0) {
                        LogRecord.Builder b = r.toBuilder();
                        putString(b, LOG_THRESHOLD_ATTRIBUTE, Threshold.encode(o.threshold()));
                        if (o.randomnessToRecord() >= 0) {
                            putString(b, LOG_RANDOMNESS_ATTRIBUTE, Threshold.encodeRandomness(o.randomnessToRecord()));
                        }
                        LogRecord updated = b.build();
                        if (!updated.equals(r)) {
                            r = updated;
                            slChanged = true;
                        }
                    }
                    kept.add(r);
                }
                if (slChanged) {
                    rlChanged = true;
                    if (!kept.isEmpty()) {
                        scopes.add(sl.toBuilder().clearLogRecords().addAllLogRecords(kept).build());
                    }
                } else {
                    scopes.add(sl);
                }
            }
            if (rlChanged) {
                changed = true;
                if (!scopes.isEmpty()) {
                    out.add(rl.toBuilder().clearScopeLogs().addAllScopeLogs(scopes).build());
                }
            } else {
                out.add(rl);
            }
        }
        return changed ? LogBatch.of(out, batch.metadata()) : batch;
    }

    private Outcome decideLog(LogRecord r) {
        List<KeyValue> attrs = r.getAttributesList();
        ByteString tid = r.getTraceId();
        boolean fromRecord = settings.attributeSourceIsRecord() || !validTraceId(tid);
        String fromAttribute = settings.fromAttribute();
        long randomness;
        long recordRandomness = -1;
        Policy policy;
        long threshold;
        String arrivingTh = stringAttribute(attrs, LOG_THRESHOLD_ATTRIBUTE);
        long arriving = arrivingTh == null ? -1 : Threshold.parse(arrivingTh);
        if (arrivingTh != null && arriving < 0) {
            return errorOutcome();
        }
        if (fromRecord) {
            byte[] bytes = fromAttribute == null || fromAttribute.isEmpty() ? null : attributeBytes(attrs, fromAttribute);
            if (bytes == null || bytes.length == 0) {
                return errorOutcome();
            }
            randomness = sampler.hashRandomness(bytes);
            recordRandomness = randomness;
            policy = Policy.ATTRIBUTE_HASH;
        } else if (sampler.mode == SamplerMode.HASH_SEED) {
            randomness = sampler.hashRandomness(tid.toByteArray());
            recordRandomness = randomness;
            policy = Policy.TRACE_ID_HASH;
        } else {
            String rv = stringAttribute(attrs, LOG_RANDOMNESS_ATTRIBUTE);
            if (rv != null) {
                randomness = Threshold.parseRandomness(rv);
                if (randomness < 0) {
                    return errorOutcome();
                }
                policy = Policy.TRACE_STATE;
            } else {
                randomness = low56(tid);
                policy = Policy.TRACE_ID_W3C;
            }
        }
        threshold = sampler.thresholdGiven(arriving);
        String priorityKey = settings.samplingPriority();
        if (priorityKey != null && !priorityKey.isEmpty()) {
            Double priority = numericAttribute(attrs, priorityKey);
            if (priority != null) {
                policy = Policy.SAMPLING_PRIORITY;
                threshold = sampler.priorityThreshold(priority);
            }
        }
        boolean sampled = ConsistentSampler.sampled(threshold, randomness);
        count(policy, sampled);
        return sampled ? new Outcome(true, threshold, recordRandomness) : Outcome.DROP;
    }

    // ---- attributes ----

    private static Double numericAttribute(List<KeyValue> attrs, String key) {
        for (KeyValue kv : attrs) {
            if (kv.getKey().equals(key)) {
                AnyValue v = kv.getValue();
                return switch (v.getValueCase()) {
                    case INT_VALUE -> (double) v.getIntValue();
                    case DOUBLE_VALUE -> v.getDoubleValue();
                    case STRING_VALUE -> {
                        try {
                            yield Double.parseDouble(v.getStringValue());
                        } catch (NumberFormatException e) {
                            yield null;
                        }
                    }
                    default -> null;
                };
            }
        }
        return null;
    }

    private static String stringAttribute(List<KeyValue> attrs, String key) {
        for (KeyValue kv : attrs) {
            if (kv.getKey().equals(key) && kv.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
                return kv.getValue().getStringValue();
            }
        }
        return null;
    }

    /** The bytes hashed for a log attribute: a string's UTF-8, a bytes value as is, else its text form. */
    private static byte[] attributeBytes(List<KeyValue> attrs, String key) {
        for (KeyValue kv : attrs) {
            if (kv.getKey().equals(key)) {
                AnyValue v = kv.getValue();
                return switch (v.getValueCase()) {
                    case STRING_VALUE -> v.getStringValue().getBytes(StandardCharsets.UTF_8);
                    case BYTES_VALUE -> v.getBytesValue().toByteArray();
                    case INT_VALUE -> Long.toString(v.getIntValue()).getBytes(StandardCharsets.UTF_8);
                    case DOUBLE_VALUE -> Double.toString(v.getDoubleValue()).getBytes(StandardCharsets.UTF_8);
                    case BOOL_VALUE -> Boolean.toString(v.getBoolValue()).getBytes(StandardCharsets.UTF_8);
                    default -> null;
                };
            }
        }
        return null;
    }

    private static void putString(LogRecord.Builder b, String key, String value) {
        for (int i = 0; i < b.getAttributesCount(); i++) {
            if (b.getAttributes(i).getKey().equals(key)) {
                b.setAttributes(i, KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)));
                return;
            }
        }
        b.addAttributes(KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)));
    }
}
