package io.meltgate.core.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An immutable list of resource entries kept as the bytes they were received as, each parsed on first access.
 * An OTLP-to-OTLP path never reads the entries (exporters copy the bytes), so it never pays for parsing them;
 * a processor or exporter that does read them pays once, whichever thread it runs on.
 *
 * <p>The bytes must already be known to parse ({@link io.meltgate.core.otlp.wire.WireScan} checked them as the
 * protobuf parser would): a failure here is a bug, reported as {@link IllegalStateException}.
 *
 * <p>Thread-safe: a batch is read by several exporters at once. Two threads may both parse an entry the first
 * time; they produce equal messages and one of them is kept.
 */
public final class LazyResources<R> extends AbstractList<R> implements RandomAccess {

    private final List<ByteString> wire;
    private final Parser<R> parser;
    private final AtomicReferenceArray<R> parsed;

    private LazyResources(List<ByteString> wire, List<R> known, Parser<R> parser) {
        this.wire = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(wire));
        this.parser = parser;
        this.parsed = new AtomicReferenceArray<>(this.wire.size());
        for (int i = 0; i < this.wire.size(); i++) {
            R message = known == null ? null : known.get(i);
            if (message == null && this.wire.get(i) == null) {
                throw new IllegalArgumentException("entry " + i + " has neither bytes nor a message");
            }
            parsed.set(i, message);
        }
    }

    public static LazyResources<ResourceSpans> spans(List<ByteString> wire) {
        return new LazyResources<>(wire, null, ResourceSpans.parser());
    }

    public static LazyResources<ResourceMetrics> metrics(List<ByteString> wire) {
        return new LazyResources<>(wire, null, ResourceMetrics.parser());
    }

    public static LazyResources<ResourceLogs> logs(List<ByteString> wire) {
        return new LazyResources<>(wire, null, ResourceLogs.parser());
    }

    /**
     * Entries of which some are known parsed and some only as bytes (what {@link BatchMerger} gathers): for each
     * index, {@code known} or {@code wire} (or both) is non-null.
     */
    static <R> LazyResources<R> mixed(List<ByteString> wire, List<R> known, Parser<R> parser) {
        if (wire.size() != known.size()) {
            throw new IllegalArgumentException(wire.size() + " byte entries for " + known.size() + " messages");
        }
        return new LazyResources<>(wire, known, parser);
    }

    /** The received bytes, one element per entry, in order (null for an entry known only parsed). */
    public List<ByteString> wire() {
        return wire;
    }

    /** Entry {@code index} if it is parsed already, else null (parses nothing). */
    public R parsedOrNull(int index) {
        return parsed.get(index);
    }

    /** Parses every entry of the batch not parsed yet (nothing to do for a batch that is not lazy). */
    public static void parseAll(Batch batch) {
        if (batch.resources() instanceof LazyResources<?> lazy) {
            for (int i = 0; i < lazy.size(); i++) {
                lazy.get(i);
            }
        }
    }

    /** Whether entry {@code index} has been parsed yet (for tests and diagnostics). */
    public boolean isParsed(int index) {
        return parsed.get(index) != null;
    }

    @Override
    public R get(int index) {
        R r = parsed.get(index);
        if (r != null) {
            return r;
        }
        try {
            r = parser.parseFrom(wire.get(index));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("resource entry " + index + " was accepted but does not parse", e);
        }
        return parsed.compareAndSet(index, null, r) ? r : parsed.get(index);
    }

    @Override
    public int size() {
        return wire.size();
    }
}
