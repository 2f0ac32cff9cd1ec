package io.meltgate.exporter.prometheusremotewrite;

import com.google.protobuf.CodedOutputStream;
import io.meltgate.exporter.prometheusremotewrite.wire.Exemplar;
import io.meltgate.exporter.prometheusremotewrite.wire.Histogram;
import io.meltgate.exporter.prometheusremotewrite.wire.MetricMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Encodes converted series as remote write {@code WriteRequest} bodies, snappy block-compressed, split so that
 * each uncompressed request stays under {@code max_batch_size_bytes} (a single series larger than that goes
 * alone), metadata in requests of its own after the series, as the Collector splits them.
 *
 * <p>Writes the protobuf straight from {@link PromSeries} (sizes computed first, then one exact-size array per
 * request) instead of building {@code TimeSeries} messages: the series of a batch are encoded once, with no
 * per-sample objects. The generated messages ({@code wire} package) define the same bytes and decode them in
 * tests. Stateless and thread-safe.
 */
final class WriteRequestEncoder {

    private static final int TIMESERIES = 1;
    private static final int METADATA = 3;
    private static final int SERIES_LABELS = 1;
    private static final int SERIES_SAMPLES = 2;
    private static final int SERIES_EXEMPLARS = 3;
    private static final int SERIES_HISTOGRAMS = 4;
    private static final int LABEL_NAME = 1;
    private static final int LABEL_VALUE = 2;
    private static final int SAMPLE_VALUE = 1;
    private static final int SAMPLE_TIMESTAMP = 2;

    private final int maxRequestBytes;

    WriteRequestEncoder(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The uncompressed request bodies, each under the size limit. */
    List<byte[]> encode(Collection<PromSeries> series, Collection<MetricMetadata> metadata) {
        List<byte[]> requests = new ArrayList<>(1);
        PromSeries[] all = series.toArray(new PromSeries[0]);
        int[] sizes = new int[all.length];
        int start = 0;
        long requestSize = 0;
        for (int i = 0; i < all.length; i++) {
            sizes[i] = seriesSize(all[i]);
            int entry = CodedOutputStream.computeTagSize(TIMESERIES) + CodedOutputStream.computeUInt32SizeNoTag(sizes[i]) + sizes[i];
            if (i > start && requestSize + entry >= maxRequestBytes) {
                requests.add(writeSeries(all, sizes, start, i, (int) requestSize));
                start = i;
                requestSize = 0;
            }
            requestSize += entry;
        }
        if (start < all.length) {
            requests.add(writeSeries(all, sizes, start, all.length, (int) requestSize));
        }
        List<MetricMetadata> batch = new ArrayList<>();
        long metadataSize = 0;
        for (MetricMetadata m : metadata) {
            int entry = CodedOutputStream.computeMessageSize(METADATA, m);
            if (!batch.isEmpty() && metadataSize + entry >= maxRequestBytes) {
                requests.add(writeMetadata(batch, (int) metadataSize));
                batch.clear();
                metadataSize = 0;
            }
            batch.add(m);
            metadataSize += entry;
        }
        if (!batch.isEmpty()) {
            requests.add(writeMetadata(batch, (int) metadataSize));
        }
        return requests;
    }

    /** Snappy block format (not the framed format), as remote write requires. */
    static byte[] compress(byte[] request) {
        try {
            return Snappy.compress(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] writeSeries(PromSeries[] all, int[] sizes, int from, int to, int requestSize) {
        byte[] out = new byte[requestSize];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            for (int i = from; i < to; i++) {
                o.writeTag(TIMESERIES, 2);
                o.writeUInt32NoTag(sizes[i]);
                writeSeries(all[i], o);
            }
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static byte[] writeMetadata(List<MetricMetadata> metadata, int requestSize) {
        byte[] out = new byte[requestSize];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            for (MetricMetadata m : metadata) {
                o.writeMessage(METADATA, m);
            }
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static int seriesSize(PromSeries s) {
        int size = 0;
        LabelSet labels = s.labels;
        for (int i = 0; i < labels.size(); i++) {
            int l = labelSize(labels.name(i), labels.value(i));
            size += 1 + CodedOutputStream.computeUInt32SizeNoTag(l) + l;
        }
        for (int i = 0; i < s.sampleCount(); i++) {
            int l = sampleSize(s.value(i), s.timestamp(i));
            size += 1 + CodedOutputStream.computeUInt32SizeNoTag(l) + l;
        }
        for (Exemplar e : s.exemplars()) {
            size += CodedOutputStream.computeMessageSize(SERIES_EXEMPLARS, e);
        }
        for (Histogram h : s.histograms()) {
            size += CodedOutputStream.computeMessageSize(SERIES_HISTOGRAMS, h);
        }
        return size;
    }

    private static void writeSeries(PromSeries s, CodedOutputStream o) throws IOException {
        LabelSet labels = s.labels;
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            String value = labels.value(i);
            o.writeTag(SERIES_LABELS, 2);
            o.writeUInt32NoTag(labelSize(name, value));
            if (!name.isEmpty()) {
                o.writeString(LABEL_NAME, name);
            }
            if (!value.isEmpty()) {
                o.writeString(LABEL_VALUE, value);
            }
        }
        for (int i = 0; i < s.sampleCount(); i++) {
            double value = s.value(i);
            long ts = s.timestamp(i);
            o.writeTag(SERIES_SAMPLES, 2);
            o.writeUInt32NoTag(sampleSize(value, ts));
            if (Double.doubleToRawLongBits(value) != 0) {
                o.writeDouble(SAMPLE_VALUE, value);
            }
            if (ts != 0) {
                o.writeInt64(SAMPLE_TIMESTAMP, ts);
            }
        }
        for (Exemplar e : s.exemplars()) {
            o.writeMessage(SERIES_EXEMPLARS, e);
        }
        for (Histogram h : s.histograms()) {
            o.writeMessage(SERIES_HISTOGRAMS, h);
        }
    }

    private static int labelSize(String name, String value) {
        return (name.isEmpty() ? 0 : CodedOutputStream.computeStringSize(LABEL_NAME, name))
                + (value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(LABEL_VALUE, value));
    }

    // proto3 leaves out fields at their default; a +0.0 value or a zero timestamp takes no bytes.
    private static int sampleSize(double value, long ts) {
        return (Double.doubleToRawLongBits(value) != 0 ? 9 : 0)
                + (ts != 0 ? 1 + CodedOutputStream.computeInt64SizeNoTag(ts) : 0);
    }
}
