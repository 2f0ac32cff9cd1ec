package io.meltgate.core.otlp.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
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
 * Decodes an OTLP export request from its protobuf bytes and keeps, beside each decoded resource entry
 * ({@code resource_spans}, {@code resource_metrics}, {@code resource_logs}, field 1 of every export request),
 * the slice of the received bytes it came from. The slices share the received array (no copy); an exporter
 * that sends the entry unchanged writes those bytes back instead of encoding the entry again, which is most
 * of what an OTLP-to-OTLP gateway would otherwise spend its CPU on.
 */
public final class ExportRequestDecoder {

    /** Field 1, length-delimited: {@code (1 << 3) | WIRETYPE_LENGTH_DELIMITED}. */
    private static final int RESOURCES_TAG = (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    /** A decoded request and, for each of its resource entries in order, the bytes it was received as. */
    public record Decoded<T>(T request, List<ByteString> wire) {
    }

    private ExportRequestDecoder() {
    }

    public static Decoded<ExportTraceServiceRequest> traces(byte[] body) throws InvalidProtocolBufferException {
        return decode(body, ResourceSpans.parser(),
                list -> ExportTraceServiceRequest.newBuilder().addAllResourceSpans(list).build());
    }

    public static Decoded<ExportMetricsServiceRequest> metrics(byte[] body) throws InvalidProtocolBufferException {
        return decode(body, ResourceMetrics.parser(),
                list -> ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics(list).build());
    }

    public static Decoded<ExportLogsServiceRequest> logs(byte[] body) throws InvalidProtocolBufferException {
        return decode(body, ResourceLogs.parser(),
                list -> ExportLogsServiceRequest.newBuilder().addAllResourceLogs(list).build());
    }

    private static <R, T> Decoded<T> decode(byte[] body, Parser<R> parser, Function<List<R>, T> request)
            throws InvalidProtocolBufferException {
        ByteString all = UnsafeByteOperations.unsafeWrap(body);
        CodedInputStream in = CodedInputStream.newInstance(body);
        List<R> resources = new ArrayList<>(2);
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
                ByteString slice = all.substring(start, start + length);
                resources.add(parser.parseFrom(slice));
                wire.add(slice);
                in.skipRawBytes(length);
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        return new Decoded<>(request.apply(resources), Collections.unmodifiableList(wire));
    }
}
