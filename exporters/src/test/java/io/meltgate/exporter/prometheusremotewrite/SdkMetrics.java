package io.meltgate.exporter.prometheusremotewrite;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Metrics recorded with the OpenTelemetry Java SDK and turned into the OTLP request an SDK's OTLP exporter
 * would send (the SDK's own OTLP marshaler), so tests feed meltgate exactly what applications send.
 */
final class SdkMetrics implements AutoCloseable {

    private final List<MetricData> collected = new ArrayList<>();
    private final SdkMeterProvider provider;
    private final PeriodicMetricReader reader;

    /**
     * @param temporality what the exporter asks the SDK for (cumulative for Prometheus; delta to test rejection)
     * @param exponential names of histogram instruments to aggregate as base-2 exponential histograms
     */
    SdkMetrics(Attributes resource, AggregationTemporality temporality, String... exponential) {
        MetricExporter capture = new MetricExporter() {
            @Override
            public CompletableResultCode export(Collection<MetricData> metrics) {
                synchronized (collected) {
                    collected.addAll(metrics);
                }
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
                return temporality;
            }
        };
        reader = PeriodicMetricReader.builder(capture).setInterval(Duration.ofHours(1)).build();
        var builder = SdkMeterProvider.builder().setResource(Resource.create(resource)).registerMetricReader(reader);
        for (String name : exponential) {
            builder.registerView(InstrumentSelector.builder().setName(name).build(),
                    View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build());
        }
        provider = builder.build();
    }

    Meter meter() {
        return provider.meterBuilder("io.taskmaster.core").setInstrumentationVersion("1.4.2").build();
    }

    /** Collects what was recorded so far, as one OTLP export request. */
    ExportMetricsServiceRequest collect() throws Exception {
        List<MetricData> metrics;
        synchronized (collected) {
            collected.clear();
        }
        reader.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
        synchronized (collected) {
            metrics = new ArrayList<>(collected);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsRequestMarshaler.create(metrics).writeBinaryTo(out);
        return ExportMetricsServiceRequest.parseFrom(out.toByteArray());
    }

    @Override
    public void close() {
        provider.close();
    }
}
