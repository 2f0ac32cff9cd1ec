package io.meltgate.core.otlp.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LazyResources;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Reads an OTLP export request from its protobuf bytes and keeps, for each resource entry ({@code resource_spans},
 * {@code resource_metrics}, {@code resource_logs}, field 1 of every export request), the slice of the received
 * bytes it came from. The slices share the received array (no copy); an exporter that sends the entry unchanged
 * writes those bytes back instead of encoding the entry again.
 *
 * <p>The entries are not parsed here: {@link WireScanner} checks that they would parse and counts their items
 * (and the items the receiver must reject), and the batch carries them as {@link LazyResources}, parsed only if
 * a processor or exporter reads them. An OTLP-to-OTLP gateway so never builds a message for what it forwards.
 * When the scanner is not sure of an entry, it is parsed here the ordinary way (and a malformed one fails here,
 * with protobuf's own message).
 */
public final class ExportRequestDecoder {

    /** Field 1, length-delimited: {@code (1 << 3) | WIRETYPE_LENGTH_DELIMITED}. */
    private static final int RESOURCES_TAG = (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    /**
     * A read request: its resource entries (parsed on demand when {@link #scanned()}), the bytes each came as, and,
     * when scanned, the item counts.
     */
    public static final class Decoded<T> {
        private final List<?> resources;
        private final List<ByteString> wire;
        private final boolean scanned;
        private final int items;
        private final int invalidItems;
        private final Function<List<?>, T> requestOf;
        private final BatchOf batchOf;
        private volatile T request;

        private Decoded(List<?> resources, List<ByteString> wire, boolean scanned, int items, int invalidItems,
                        Function<List<?>, T> requestOf, BatchOf batchOf) {
            this.resources = resources;
            this.wire = wire;
            this.scanned = scanned;
            this.items = items;
            this.invalidItems = invalidItems;
            this.requestOf = requestOf;
            this.batchOf = batchOf;
        }

        /** The whole request as a message; parses every entry (once). */
        public T request() {
            T r = request;
            if (r == null) {
                r = requestOf.apply(resources);
                request = r;
            }
            return r;
        }

        /** For each resource entry in order, the bytes it was received as. */
        public List<ByteString> wire() {
            return wire;
        }

        /** Whether the counts are known from the bytes (every entry scanned, none parsed yet). */
        public boolean scanned() {
            return scanned;
        }

        /** Spans, data points or log records; when {@link #scanned()}. */
        public int items() {
            return items;
        }

        /** Items with ids of the wrong length (spans, log records), which the receiver rejects; when scanned. */
        public int invalidItems() {
            return invalidItems;
        }

        /** The batch of all the entries, still unparsed; when {@link #scanned()}. */
        public Batch batch(RequestMetadata metadata) {
            if (!scanned) {
                throw new IllegalStateException("only a scanned request makes a batch without parsing");
            }
            return batchOf.of(resources, items, metadata, wire);
        }
    }

    @FunctionalInterface
    private interface BatchOf {
        Batch of(List<?> resources, int items, RequestMetadata metadata, List<ByteString> wire);
    }

    private ExportRequestDecoder() {
    }

    @SuppressWarnings("unchecked")
    public static Decoded<ExportTraceServiceRequest> traces(byte[] body) throws InvalidProtocolBufferException {
        return decode(body, WireShape.RESOURCE_SPANS, ResourceSpans.parser(), LazyResources::spans,
                list -> ExportTraceServiceRequest.newBuilder().addAllResourceSpans((List<ResourceSpans>) list).build(),
                (list, items, md, wire) -> new SpanBatch((List<ResourceSpans>) list, items, md, wire));
    }

    @SuppressWarnings("unchecked")
    public static Decoded<ExportMetricsServiceRequest> metrics(byte[] body) throws InvalidProtocolBufferException {
        return decode(body, WireShape.RESOURCE_METRICS, ResourceMetrics.parser(), LazyResources::metrics,
                list -> ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics((List<ResourceMetrics>) list).build(),
                (list, items, md, wire) -> new MetricBatch((List<ResourceMetrics>) list, items, md, wire));
    }

    @SuppressWarnings("unchecked")
    public static Decoded<ExportLogsServiceRequest> logs(byte[] body) throws InvalidProtocolBufferException {
        return decode(body, WireShape.RESOURCE_LOGS, ResourceLogs.parser(), LazyResources::logs,
                list -> ExportLogsServiceRequest.newBuilder().addAllResourceLogs((List<ResourceLogs>) list).build(),
                (list, items, md, wire) -> new LogBatch((List<ResourceLogs>) list, items, md, wire));
    }

    private static <R, T> Decoded<T> decode(byte[] body, WireShape shape, Parser<R> parser,
                                            Function<List<ByteString>, List<R>> lazy, Function<List<?>, T> request,
                                            BatchOf batch) throws InvalidProtocolBufferException {
        ByteString all = UnsafeByteOperations.unsafeWrap(body);
        CodedInputStream in = CodedInputStream.newInstance(body);
        WireScanner scanner = new WireScanner(body);
        boolean scanned = true;
        List<ByteString> wire = new ArrayList<>(2);
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (tag != RESOURCES_TAG) {
                    // Export requests have no other field today; a future one is skipped, as protobuf would keep it
                    // unknown. Its bytes are not carried on, and neither would an unknown field be re-encoded.
                    if (!in.skipField(tag)) {
                        break;
                    }
                    continue;
                }
                int length = in.readRawVarint32();
                if (length < 0) {
                    throw new InvalidProtocolBufferException("negative length of a resource entry");
                }
                int start = in.getTotalBytesRead();
                if (length > body.length - start) {
                    throw new InvalidProtocolBufferException("truncated resource entry: " + length + " bytes announced, "
                            + (body.length - start) + " left");
                }
                wire.add(all.substring(start, start + length));
                if (scanned) {
                    scanned = scanner.scan(start, length, shape);
                }
                in.skipRawBytes(length);
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        List<ByteString> slices = Collections.unmodifiableList(wire);
        if (scanned) {
            return new Decoded<>(lazy.apply(slices), slices, true, scanner.items(), scanner.invalidItems(), request, batch);
        }
        List<R> parsed = new ArrayList<>(wire.size());
        for (ByteString slice : wire) {
            parsed.add(parser.parseFrom(slice));
        }
        return new Decoded<>(Collections.unmodifiableList(parsed), slices, false, 0, 0, request, batch);
    }
}
