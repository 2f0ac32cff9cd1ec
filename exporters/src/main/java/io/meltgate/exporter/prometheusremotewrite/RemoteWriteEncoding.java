package io.meltgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * OTLP metrics to ready-to-POST remote write bodies: conversion, protobuf encoding with splitting, snappy.
 * What {@link RemoteWriteSender} does before it sends; public so the benchmarks measure this exact path.
 * Thread-safe: each call converts with its own state; the request and snappy buffers, which are reused from
 * request to request, belong to the calling thread (each keeps about twice its largest request: at most about
 * twice {@code max_batch_size_bytes}).
 */
public final class RemoteWriteEncoding {

    /** The compressed request bodies of one batch, and what could not be converted. */
    public record Encoded(List<byte[]> bodies, int series, long droppedPoints, int failedMetrics, String errors) {
    }

    private final ConversionOptions options;
    private final WriteRequestEncoder encoder;
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    /** One thread's buffers: {@code request[0]} for the uncompressed request, {@code compressed} for snappy's output. */
    private static final class Buffers {
        final byte[][] request = new byte[1][];
        byte[] compressed = new byte[0];

        byte[] compress(byte[] request, int length) {
            int max = Snappy.maxCompressedLength(length);
            if (compressed.length < max) {
                compressed = new byte[max]; // grows only with the largest request so far
            }
            try {
                int n = Snappy.compress(request, 0, length, compressed, 0);
                return Arrays.copyOf(compressed, n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public RemoteWriteEncoding(PrometheusRemoteWriteSettings settings) {
        this(ConversionOptions.from(settings), settings.maxBatchSizeBytes() == 0 ? 3_000_000 : settings.maxBatchSizeBytes());
    }

    RemoteWriteEncoding(ConversionOptions options, int maxRequestBytes) {
        this.options = options;
        this.encoder = new WriteRequestEncoder(maxRequestBytes);
    }

    public Encoded encode(List<ResourceMetrics> resourceMetrics) {
        Conversion conversion = new PrometheusConverter(options).convert(resourceMetrics);
        Buffers b = buffers.get();
        List<byte[]> bodies = new ArrayList<>(1);
        encoder.encode(conversion.series(), conversion.metadata(), b.request,
                (request, length) -> bodies.add(b.compress(request, length)));
        return new Encoded(bodies, conversion.seriesCount(), conversion.droppedPoints(), conversion.failedMetrics(),
                conversion.droppedPoints() > 0 ? conversion.errorSummary() : "");
    }
}
