package io.meltgate.exporter.prometheusremotewrite;

import com.google.protobuf.CodedOutputStream;
import io.meltgate.exporter.prometheusremotewrite.wire.Exemplar;
import io.meltgate.exporter.prometheusremotewrite.wire.Histogram;
import io.meltgate.exporter.prometheusremotewrite.wire.MetricMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Encodes converted series as remote write {@code WriteRequest} bodies, snappy block-compressed, split so that
 * each uncompressed request stays under {@code max_batch_size_bytes} (a single series larger than that goes
 * alone), metadata in requests of its own after the series, as the Collector splits them.
 *
 * <p>Writes the protobuf straight from {@link PromSeries} instead of building {@code TimeSeries} messages: sizes
 * are computed first (a series' labels are already encoded, so its size is a sum), then each request is written
 * into one buffer that is reused from request to request and handed to a {@link RequestSink}. The generated
 * messages ({@code wire} package) define the same bytes and decode them in tests. Thread-safe; the buffers
 * belong to the caller.
 */
final class WriteRequestEncoder {

    private static final int TIMESERIES = 1;
    private static final int METADATA = 3;
    private static final int SERIES_SAMPLES = 2;
    private static final int SERIES_EXEMPLARS = 3;
    private static final int SERIES_HISTOGRAMS = 4;
    private static final int SAMPLE_VALUE = 1;
    private static final int SAMPLE_TIMESTAMP = 2;

    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxRequestBytes;

    WriteRequestEncoder(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Receives each encoded request: {@code length} bytes at the start of a buffer that is reused afterwards. */
    interface RequestSink {
        void accept(byte[] buffer, int length);
    }

    /** The uncompressed request bodies, each under the size limit, in arrays of their own. */
    List<byte[]> encode(Collection<PromSeries> series, Collection<MetricMetadata> metadata) {
        List<byte[]> requests = new ArrayList<>(1);
        encode(series, metadata, new byte[0][], (buffer, length) -> requests.add(Arrays.copyOf(buffer, length)));
        return requests;
    }

    /**
     * Encodes the requests one after the other into {@code buffer[0]} (grown, and left there for the next call,
     * when too small) and hands each to {@code sink}.
     */
    void encode(Collection<PromSeries> series, Collection<MetricMetadata> metadata, byte[][] buffer, RequestSink sink) {
        PromSeries[] all = series.toArray(new PromSeries[0]);
        int[] sizes = new int[all.length];
        int start = 0;
        long requestSize = 0;
        for (int i = 0; i < all.length; i++) {
            sizes[i] = seriesSize(all[i]);
            int entry = CodedOutputStream.computeTagSize(TIMESERIES) + CodedOutputStream.computeUInt32SizeNoTag(sizes[i]) + sizes[i];
            if (i > start && requestSize + entry >= maxRequestBytes) {
                sink.accept(writeSeries(all, sizes, start, i, (int) requestSize, buffer), (int) requestSize);
                start = i;
                requestSize = 0;
            }
            requestSize += entry;
        }
        if (start < all.length) {
            sink.accept(writeSeries(all, sizes, start, all.length, (int) requestSize, buffer), (int) requestSize);
        }
        List<MetricMetadata> batch = new ArrayList<>();
        long metadataSize = 0;
        for (MetricMetadata m : metadata) {
            int entry = CodedOutputStream.computeMessageSize(METADATA, m);
            if (!batch.isEmpty() && metadataSize + entry >= maxRequestBytes) {
                sink.accept(writeMetadata(batch, (int) metadataSize), (int) metadataSize);
                batch.clear();
                metadataSize = 0;
            }
            batch.add(m);
            metadataSize += entry;
        }
        if (!batch.isEmpty()) {
            sink.accept(writeMetadata(batch, (int) metadataSize), (int) metadataSize);
        }
    }

    /** Snappy block format (not the framed format), as remote write requires. */
    static byte[] compress(byte[] request) {
        try {
            return Snappy.compress(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] writeSeries(PromSeries[] all, int[] sizes, int from, int to, int requestSize, byte[][] buffer) {
        if (buffer.length > 0 && (buffer[0] == null || buffer[0].length < requestSize)) {
            // Doubling, but never past the size limit unless one series alone is larger.
            int doubled = buffer[0] == null ? 0 : (int) Math.min(maxRequestBytes, 2L * buffer[0].length);
            buffer[0] = new byte[Math.max(requestSize, doubled)];
        }
        byte[] out = buffer.length > 0 ? buffer[0] : new byte[requestSize];
        int pos = 0;
        for (int i = from; i < to; i++) {
            out[pos++] = (byte) ((TIMESERIES << 3) | 2);
            pos = LabelBytes.writeVarint(out, pos, sizes[i]);
            pos = writeSeries(all[i], out, pos);
        }
        if (pos != requestSize) {
            throw new IllegalStateException("wrote " + pos + " bytes of a request of " + requestSize);
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
        int size = s.labelsSize();
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

    /** One series' fields at {@code pos} of {@code out}; returns the position after them. */
    private static int writeSeries(PromSeries s, byte[] out, int pos) {
        pos = s.writeLabels(out, pos);
        if (s.exemplars().isEmpty() && s.histograms().isEmpty()) {
            // The common case, without CodedOutputStream: sample by sample.
            for (int i = 0; i < s.sampleCount(); i++) {
                pos = writeSample(s.value(i), s.timestamp(i), out, pos);
            }
            return pos;
        }
        CodedOutputStream o = CodedOutputStream.newInstance(out, pos, out.length - pos);
        try {
            writeSamplesAndRest(s, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pos + o.getTotalBytesWritten();
    }

    private static int writeSample(double value, long ts, byte[] out, int pos) {
        out[pos++] = (byte) ((SERIES_SAMPLES << 3) | 2);
        out[pos++] = (byte) sampleSize(value, ts); // at most 20: one byte
        long bits = Double.doubleToRawLongBits(value);
        if (bits != 0) {
            out[pos++] = (byte) ((SAMPLE_VALUE << 3) | 1);
            LITTLE_ENDIAN_LONG.set(out, pos, bits); // fixed64, as writeDouble writes it
            pos += 8;
        }
        if (ts != 0) {
            out[pos++] = (byte) (SAMPLE_TIMESTAMP << 3);
            long v = ts;
            while ((v & ~0x7FL) != 0) {
                out[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out[pos++] = (byte) v;
        }
        return pos;
    }

    private static void writeSamplesAndRest(PromSeries s, CodedOutputStream o) throws IOException {
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

    // proto3 leaves out fields at their default; a +0.0 value or a zero timestamp takes no bytes.
    private static int sampleSize(double value, long ts) {
        return (Double.doubleToRawLongBits(value) != 0 ? 9 : 0)
                + (ts != 0 ? 1 + CodedOutputStream.computeInt64SizeNoTag(ts) : 0);
    }
}
