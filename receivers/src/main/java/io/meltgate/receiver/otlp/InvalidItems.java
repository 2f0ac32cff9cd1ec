package io.meltgate.receiver.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Items the receiver rejects on arrival, reported to the sender as {@code partial_success} instead of being
 * passed on to exporters that would choke on them: spans whose trace id is not 16 bytes or span id not 8
 * bytes (or all zero, which the specification calls invalid), log records whose ids, when set, have the wrong
 * length. The common case (all valid) costs one length check per id and no copy; only a request that holds
 * invalid items is rebuilt without them.
 */
final class InvalidItems {

    /** A request with its invalid items removed, how many were removed, and why. */
    record Filtered<T>(T request, long rejected, String reason) {
    }

    private InvalidItems() {
    }

    static Filtered<ExportTraceServiceRequest> spans(ExportTraceServiceRequest request) {
        long invalid = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    if (!validSpan(s)) {
                        invalid++;
                    }
                }
            }
        }
        if (invalid == 0) {
            return new Filtered<>(request, 0, "");
        }
        ExportTraceServiceRequest.Builder out = ExportTraceServiceRequest.newBuilder();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            ResourceSpans.Builder rb = rs.toBuilder().clearScopeSpans();
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                ScopeSpans.Builder sb = ss.toBuilder().clearSpans();
                for (Span s : ss.getSpansList()) {
                    if (validSpan(s)) {
                        sb.addSpans(s);
                    }
                }
                if (sb.getSpansCount() > 0) {
                    rb.addScopeSpans(sb);
                }
            }
            if (rb.getScopeSpansCount() > 0) {
                out.addResourceSpans(rb);
            }
        }
        return new Filtered<>(out.build(), invalid,
                invalid + " spans rejected: trace_id must be 16 bytes and span_id 8 bytes, not all zero");
    }

    static Filtered<ExportLogsServiceRequest> logs(ExportLogsServiceRequest request) {
        long invalid = 0;
        for (ResourceLogs rl : request.getResourceLogsList()) {
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) {
                    if (!validLog(r)) {
                        invalid++;
                    }
                }
            }
        }
        if (invalid == 0) {
            return new Filtered<>(request, 0, "");
        }
        ExportLogsServiceRequest.Builder out = ExportLogsServiceRequest.newBuilder();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            ResourceLogs.Builder rb = rl.toBuilder().clearScopeLogs();
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                ScopeLogs.Builder sb = sl.toBuilder().clearLogRecords();
                for (LogRecord r : sl.getLogRecordsList()) {
                    if (validLog(r)) {
                        sb.addLogRecords(r);
                    }
                }
                if (sb.getLogRecordsCount() > 0) {
                    rb.addScopeLogs(sb);
                }
            }
            if (rb.getScopeLogsCount() > 0) {
                out.addResourceLogs(rb);
            }
        }
        return new Filtered<>(out.build(), invalid,
                invalid + " log records rejected: a trace_id must be 16 bytes and a span_id 8 bytes when set");
    }

    private static boolean validSpan(Span s) {
        return s.getTraceId().size() == 16 && s.getSpanId().size() == 8 && !allZero(s.getTraceId())
                && !allZero(s.getSpanId()) && (s.getParentSpanId().isEmpty() || s.getParentSpanId().size() == 8);
    }

    private static boolean validLog(LogRecord r) {
        return (r.getTraceId().isEmpty() || r.getTraceId().size() == 16)
                && (r.getSpanId().isEmpty() || r.getSpanId().size() == 8);
    }

    private static boolean allZero(ByteString b) {
        for (int i = 0; i < b.size(); i++) {
            if (b.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
