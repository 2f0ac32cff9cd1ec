package io.meltgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP metrics to ready-to-POST remote write bodies: conversion, protobuf encoding with splitting, snappy.
 * What {@link RemoteWriteSender} does before it sends; public so the benchmarks measure this exact path.
 * Thread-safe (each call converts with its own state).
 */
public final class RemoteWriteEncoding {

    /** The compressed request bodies of one batch, and what could not be converted. */
    public record Encoded(List<byte[]> bodies, int series, long droppedPoints, int failedMetrics, String errors) {
    }

    private final ConversionOptions options;
    private final WriteRequestEncoder encoder;

    public RemoteWriteEncoding(PrometheusRemoteWriteSettings settings) {
        this(ConversionOptions.from(settings), settings.maxBatchSizeBytes() == 0 ? 3_000_000 : settings.maxBatchSizeBytes());
    }

    RemoteWriteEncoding(ConversionOptions options, int maxRequestBytes) {
        this.options = options;
        this.encoder = new WriteRequestEncoder(maxRequestBytes);
    }

    public Encoded encode(List<ResourceMetrics> resourceMetrics) {
        Conversion conversion = new PrometheusConverter(options).convert(resourceMetrics);
        List<byte[]> requests = encoder.encode(conversion.series(), conversion.metadata());
        List<byte[]> bodies = new ArrayList<>(requests.size());
        for (byte[] r : requests) {
            bodies.add(WriteRequestEncoder.compress(r));
        }
        return new Encoded(bodies, conversion.seriesCount(), conversion.droppedPoints(), conversion.failedMetrics(),
                conversion.droppedPoints() > 0 ? conversion.errorSummary() : "");
    }
}
