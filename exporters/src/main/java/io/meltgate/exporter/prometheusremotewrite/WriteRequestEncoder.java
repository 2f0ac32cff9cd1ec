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
        Utf8Cache utf8 = new Utf8Cache(Math.min(1 << 16, all.length));
        int start = 0;
        long requestSize = 0;
        for (int i = 0; i < all.length; i++) {
            sizes[i] = seriesSize(all[i], utf8);
            int entry = CodedOutputStream.computeTagSize(TIMESERIES) + CodedOutputStream.computeUInt32SizeNoTag(sizes[i]) + sizes[i];
            if (i > start && requestSize + entry >= maxRequestBytes) {
                requests.add(writeSeries(all, sizes, start, i, (int) requestSize, utf8));
                start = i;
                requestSize = 0;
            }
            requestSize += entry;
        }
        if (start < all.length) {
            requests.add(writeSeries(all, sizes, start, all.length, (int) requestSize, utf8));
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

    private static byte[] writeSeries(PromSeries[] all, int[] sizes, int from, int to, int requestSize, Utf8Cache utf8) {
        byte[] out = new byte[requestSize];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            for (int i = from; i < to; i++) {
                o.writeTag(TIMESERIES, 2);
                o.writeUInt32NoTag(sizes[i]);
                writeSeries(all[i], o, utf8);
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

    static int seriesSize(PromSeries s, Utf8Cache utf8) {
        int size = 0;
        LabelSet labels = s.labels;
        for (int i = 0; i < labels.size(); i++) {
            int l = labelSize(utf8.get(labels.name(i)), utf8.get(labels.value(i)));
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

    private static void writeSeries(PromSeries s, CodedOutputStream o, Utf8Cache utf8) throws IOException {
        LabelSet labels = s.labels;
        for (int i = 0; i < labels.size(); i++) {
            byte[] name = utf8.get(labels.name(i));
            byte[] value = utf8.get(labels.value(i));
            o.writeTag(SERIES_LABELS, 2);
            o.writeUInt32NoTag(labelSize(name, value));
            writeBytesField(LABEL_NAME, name, o);
            writeBytesField(LABEL_VALUE, value, o);
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

    /** A string field from its UTF-8 bytes (the same bytes {@code writeString} would produce); empty ones left out. */
    private static void writeBytesField(int field, byte[] utf8, CodedOutputStream o) throws IOException {
        if (utf8.length > 0) {
            o.writeTag(field, 2);
            o.writeUInt32NoTag(utf8.length);
            o.writeRawBytes(utf8);
        }
    }

    private static int labelSize(byte[] name, byte[] value) {
        return fieldSize(name) + fieldSize(value);
    }

    private static int fieldSize(byte[] utf8) {
        return utf8.length == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(utf8.length) + utf8.length;
    }

    // proto3 leaves out fields at their default; a +0.0 value or a zero timestamp takes no bytes.
    private static int sampleSize(double value, long ts) {
        return (Double.doubleToRawLongBits(value) != 0 ? 9 : 0)
                + (ts != 0 ? 1 + CodedOutputStream.computeInt64SizeNoTag(ts) : 0);
    }
}
