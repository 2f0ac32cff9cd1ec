package io.meltgate.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.LazyResources;
import io.meltgate.core.data.RequestMetadata;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.otlp.wire.ExportRequestDecoder;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Realistic OTLP export requests for the benchmarks, the load generator and the sink's tests, built by
 * {@link OtlpFixtures} (Task Master resources and attributes, 12-bucket histograms, ~80 character log bodies
 * with trace context) and held pre-encoded, so that sending or decoding them measures the wire format only.
 */
public final class OtlpRequests {

    private OtlpRequests() {
    }

    /** {@code count} distinct encoded requests of {@code itemsEach} items of one signal, deterministic per seed. */
    public static byte[][] encoded(Signal signal, int count, int itemsEach, long seed) {
        OtlpFixtures fixtures = new OtlpFixtures(seed);
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            out[i] = switch (signal) {
                case TRACES -> fixtures.traceRequest(itemsEach).toByteArray();
                case METRICS -> fixtures.metricsRequest(itemsEach).toByteArray();
                case LOGS -> fixtures.logsRequest(itemsEach).toByteArray();
            };
        }
        return out;
    }

    /**
     * Reads an encoded export request of the signal into a batch, as the OTLP receiver does: scanned, not parsed
     * (the batch's entries parse when first read), each resource entry keeping the bytes it came in.
     */
    public static Batch decode(Signal signal, byte[] request) throws InvalidProtocolBufferException {
        ExportRequestDecoder.Decoded<?> d = switch (signal) {
            case TRACES -> ExportRequestDecoder.traces(request);
            case METRICS -> ExportRequestDecoder.metrics(request);
            case LOGS -> ExportRequestDecoder.logs(request);
        };
        if (!d.scanned()) {
            throw new IllegalStateException("the benchmark data should scan without falling back to parsing");
        }
        return d.batch(RequestMetadata.EMPTY);
    }

    /** {@link #decode}, then every resource entry parsed: what a processor that reads all the data pays. */
    public static Batch decodeParsed(Signal signal, byte[] request) throws InvalidProtocolBufferException {
        Batch b = decode(signal, request);
        LazyResources.parseAll(b);
        return b;
    }

    /** Parses an encoded export request of the signal into its protobuf message. */
    public static com.google.protobuf.Message toMessage(Signal signal, byte[] request)
            throws InvalidProtocolBufferException {
        return switch (signal) {
            case TRACES -> ExportTraceServiceRequest.parseFrom(request);
            case METRICS -> ExportMetricsServiceRequest.parseFrom(request);
            case LOGS -> ExportLogsServiceRequest.parseFrom(request);
        };
    }

    /** The OTLP export request carrying exactly this batch, as the otlp exporter sends it. */
    public static com.google.protobuf.MessageLite toRequest(Batch batch) {
        if (batch instanceof SpanBatch b) {
            return b.toRequest();
        }
        if (batch instanceof MetricBatch b) {
            return b.toRequest();
        }
        return ((LogBatch) batch).toRequest();
    }
}
