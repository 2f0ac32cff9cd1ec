package io.meltgate.exporter.prometheusremotewrite;

import io.meltgate.exporter.prometheusremotewrite.wire.BucketSpan;
import io.meltgate.exporter.prometheusremotewrite.wire.Histogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import java.util.List;

/**
 * OTLP exponential histogram points as Prometheus native histograms. The two share the bucket layout (the
 * OTLP scale is the Prometheus schema), except that OTLP bucket {@code i} is {@code (base^i, base^(i+1)]}
 * and Prometheus bucket {@code i} is {@code (base^(i-1), base^i]}: indexes shift by one. Prometheus allows
 * schemas -4 to 8; finer OTLP scales are merged down to 8, coarser ones cannot be represented.
 */
final class NativeHistograms {

    static final int MIN_SCALE = -4;
    static final int MAX_SCALE = 8;

    /** Gaps of up to this many empty buckets are written as zero counts instead of starting a new span. */
    private static final int MAX_FILLED_GAP = 2;

    private NativeHistograms() {
    }

    /** The native histogram of one point; its scale must be at least {@link #MIN_SCALE}. */
    static Histogram from(ExponentialHistogramDataPoint p) {
        int scale = p.getScale();
        int scaleDown = Math.max(0, scale - MAX_SCALE);
        Histogram.Builder h = Histogram.newBuilder()
                .setSchema(scale - scaleDown)
                .setZeroThreshold(p.getZeroThreshold())
                .setZeroCountInt(p.getZeroCount())
                .setResetHint(Histogram.ResetHint.UNKNOWN)
                .setTimestamp(PrometheusValues.millis(p.getTimeUnixNano()));
        if ((p.getFlags() & PrometheusValues.NO_RECORDED_VALUE) != 0) {
            h.setSum(PrometheusValues.STALE_NAN).setCountInt(PrometheusValues.STALE_NAN_BITS);
        } else {
            if (p.hasSum()) {
                h.setSum(p.getSum());
            }
            h.setCountInt(p.getCount());
        }
        if (p.hasPositive()) {
            convertBuckets(p.getPositive().getOffset(), p.getPositive().getBucketCountsList(), scaleDown,
                    h::addPositiveSpans, h::addPositiveDeltas);
        }
        if (p.hasNegative()) {
            convertBuckets(p.getNegative().getOffset(), p.getNegative().getBucketCountsList(), scaleDown,
                    h::addNegativeSpans, h::addNegativeDeltas);
        }
        return h.build();
    }

    interface SpanSink {
        void add(BucketSpan span);
    }

    interface DeltaSink {
        void add(long delta);
    }

    /**
     * Writes OTLP buckets (starting at index {@code offset}) as Prometheus spans and delta-encoded counts,
     * merging each {@code 2^scaleDown} adjacent buckets into one.
     */
    static void convertBuckets(int offset, List<Long> counts, int scaleDown, SpanSink spans, DeltaSink deltas) {
        int n = counts.size();
        int i = 0;
        long previousCount = 0;
        int spanStart = Integer.MIN_VALUE; // Prometheus index of the current span's first bucket
        int spanLength = 0;
        int lastIndex = 0; // Prometheus index of the last bucket written
        boolean first = true;
        while (i < n) {
            // Merge the OTLP buckets that fall into one Prometheus bucket at the reduced scale.
            int index = ((offset + i) >> scaleDown) + 1;
            long count = 0;
            while (i < n && ((offset + i) >> scaleDown) + 1 == index) {
                count += counts.get(i);
                i++;
            }
            if (count == 0) {
                continue;
            }
            if (first) {
                spanStart = index;
                spanLength = 1;
                first = false;
            } else {
                int gap = index - lastIndex - 1;
                if (gap <= MAX_FILLED_GAP) {
                    for (int g = 0; g < gap; g++) {
                        deltas.add(-previousCount);
                        previousCount = 0;
                    }
                    spanLength += gap + 1;
                } else {
                    spans.add(BucketSpan.newBuilder().setOffset(spanStart).setLength(spanLength).build());
                    spanStart = gap; // later spans hold the gap since the previous one's end
                    spanLength = 1;
                }
            }
            deltas.add(count - previousCount);
            previousCount = count;
            lastIndex = index;
        }
        if (!first) {
            spans.add(BucketSpan.newBuilder().setOffset(spanStart).setLength(spanLength).build());
        }
    }
}
