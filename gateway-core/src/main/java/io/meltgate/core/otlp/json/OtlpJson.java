package io.meltgate.core.otlp.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TypeRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The OTLP/JSON codec (OTLP specification, "JSON Protobuf Encoding"), one for the whole gateway: the OTLP/HTTP
 * receiver decodes requests with it, the {@code otlphttp} exporter encodes requests and decodes responses.
 *
 * <p>Decoding accepts what the specification tells receivers to accept: hex trace and span ids, enums as
 * integers or names, 64-bit integers as strings or numbers, lowerCamelCase or snake_case keys, and ignores
 * unknown keys. Encoding writes what it tells senders to write: lowerCamelCase keys, hex ids, enums as
 * integers, 64-bit integers as strings. Thread-safe; all methods are static.
 */
public final class OtlpJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(2 * OtlpJsonDecoder.MAX_DEPTH + 10)
                    .build())
            .build();

    private static final OtlpJsonEncoder PLAIN_ENCODER = new OtlpJsonEncoder(TypeRegistry.getEmptyTypeRegistry());

    private OtlpJson() {
    }

    public static ExportTraceServiceRequest decodeTraceRequest(byte[] json) throws OtlpJsonException {
        return merge(json, ExportTraceServiceRequest.newBuilder()).build();
    }

    public static ExportMetricsServiceRequest decodeMetricsRequest(byte[] json) throws OtlpJsonException {
        return merge(json, ExportMetricsServiceRequest.newBuilder()).build();
    }

    public static ExportLogsServiceRequest decodeLogsRequest(byte[] json) throws OtlpJsonException {
        return merge(json, ExportLogsServiceRequest.newBuilder()).build();
    }

    /**
     * Reads one OTLP/JSON document into any message builder (export requests, export responses with their
     * {@code partialSuccess}, {@code google.rpc.Status}; the details of a Status are skipped).
     */
    public static <B extends Message.Builder> B merge(byte[] json, B builder) throws OtlpJsonException {
        return merge(json, builder, true);
    }

    /** {@code fast} false: without the hand-written readers of the hot OTLP types, for tests to compare. */
    static <B extends Message.Builder> B merge(byte[] json, B builder, boolean fast) throws OtlpJsonException {
        try (JsonParser p = FACTORY.createParser(json)) {
            OtlpJsonDecoder.readDocument(p, builder, fast);
            return builder;
        } catch (OtlpJsonException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw new OtlpJsonException("JSON too deeply nested or too large: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new OtlpJsonException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** Like {@link #merge(byte[], Message.Builder)}, reading a stream to its end. */
    public static <B extends Message.Builder> B merge(InputStream json, B builder) throws IOException {
        return merge(json.readAllBytes(), builder);
    }

    public static byte[] encode(MessageOrBuilder message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encode(message, out, TypeRegistry.getEmptyTypeRegistry());
        } catch (IOException e) {
            throw new IllegalStateException("encoding to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the message as UTF-8 OTLP/JSON. {@code anyTypes} resolves the {@code google.protobuf.Any} values
     * (for example {@code google.rpc.RetryInfo} in a Status' details) so they are written field by field.
     */
    public static void encode(MessageOrBuilder message, OutputStream out, TypeRegistry anyTypes) throws IOException {
        OtlpJsonEncoder encoder = anyTypes == TypeRegistry.getEmptyTypeRegistry()
                ? PLAIN_ENCODER : new OtlpJsonEncoder(anyTypes);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            encoder.writeMessage(g, message);
        }
    }
}
