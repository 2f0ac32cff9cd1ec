package io.meltgate.exporter.debug;

import com.google.protobuf.ByteString;
import com.google.protobuf.TextFormat;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.BatchSender;
import io.meltgate.core.delivery.SendResult;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Prints batches: at {@code basic} one line of counts per batch, at {@code normal} also one line per item, at
 * {@code detailed} the whole batch in protobuf text form. Sampled per second as the Collector samples its log.
 */
final class DebugPrinter implements BatchSender {

    private static final HexFormat HEX = HexFormat.of();

    private final String id;
    private final DebugSettings settings;
    private final PrintStream out;
    private long windowSecond = -1;
    private long inWindow;

    DebugPrinter(String id, DebugSettings settings, PrintStream out) {
        this.id = id;
        this.settings = settings;
        this.out = out;
    }

    @Override
    public SendResult send(Batch batch, Duration timeout) {
        if (sampledOut()) {
            return SendResult.OK;
        }
        StringBuilder sb = new StringBuilder(256);
        sb.append(id).append(' ').append(batch.signal()).append(": resources=").append(batch.resourceCount())
                .append(' ').append(batch.signal().itemNoun()).append('=').append(batch.itemCount()).append('\n');
        if (settings.verbosity() == Verbosity.NORMAL) {
            appendItems(batch, sb);
        } else if (settings.verbosity() == Verbosity.DETAILED) {
            appendDetailed(batch, sb);
        }
        synchronized (out) {
            out.print(sb);
            out.flush();
        }
        return SendResult.OK;
    }

    private synchronized boolean sampledOut() {
        long second = System.nanoTime() / 1_000_000_000L;
        if (second != windowSecond) {
            windowSecond = second;
            inWindow = 0;
        }
        long n = inWindow++;
        return n >= settings.samplingInitial() && (n - settings.samplingInitial()) % settings.samplingThereafter() != 0;
    }

    private static void appendItems(Batch batch, StringBuilder sb) {
        if (batch instanceof SpanBatch s) {
            s.resourceSpans().forEach(rs -> rs.getScopeSpansList().forEach(ss -> {
                for (Span span : ss.getSpansList()) {
                    sb.append("  ").append(span.getName()).append(" trace_id=").append(hex(span.getTraceId()))
                            .append(" span_id=").append(hex(span.getSpanId()))
                            .append(" duration_ms=").append((span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6)
                            .append('\n');
                }
            }));
        } else if (batch instanceof MetricBatch m) {
            m.resourceMetrics().forEach(rm -> rm.getScopeMetricsList().forEach(sm -> {
                for (Metric metric : sm.getMetricsList()) {
                    sb.append("  ").append(metric.getName()).append(' ').append(metric.getDataCase())
                            .append(" points=").append(MetricBatch.dataPointCount(metric)).append('\n');
                }
            }));
        } else if (batch instanceof LogBatch l) {
            l.resourceLogs().forEach(rl -> rl.getScopeLogsList().forEach(sl -> {
                for (LogRecord r : sl.getLogRecordsList()) {
                    sb.append("  ").append(r.getSeverityText().isEmpty() ? r.getSeverityNumber().name() : r.getSeverityText())
                            .append(' ').append(body(r.getBody()));
                    if (!r.getEventName().isEmpty()) {
                        sb.append(" event_name=").append(r.getEventName());
                    }
                    sb.append('\n');
                }
            }));
        }
    }

    private static void appendDetailed(Batch batch, StringBuilder sb) {
        TextFormat.Printer printer = TextFormat.printer().escapingNonAscii(false);
        if (batch instanceof SpanBatch s) {
            s.resourceSpans().forEach(rs -> sb.append(printer.printToString(rs)));
        } else if (batch instanceof MetricBatch m) {
            m.resourceMetrics().forEach(rm -> sb.append(printer.printToString(rm)));
        } else if (batch instanceof LogBatch l) {
            l.resourceLogs().forEach(rl -> sb.append(printer.printToString(rl)));
        }
    }

    private static String body(AnyValue v) {
        return v.getValueCase() == AnyValue.ValueCase.STRING_VALUE ? v.getStringValue()
                : TextFormat.printer().shortDebugString(v);
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }
}
