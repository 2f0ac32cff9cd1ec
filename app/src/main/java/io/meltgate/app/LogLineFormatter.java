package io.meltgate.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats each java.util.logging record as one line. {@code json} (meltgate's default): one JSON object with
 * {@code time}, {@code level}, {@code logger}, {@code message}, {@code caller}, {@code exception}, the
 * configured {@code initial_fields} and the telemetry {@code resource}. {@code console}: the Collector's
 * tab-separated form, {@code time level logger message {fields}}. gRPC and Netty log through JUL too, so
 * their lines come out the same way.
 */
final class LogLineFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final boolean json;
    private final boolean withCaller;
    private final boolean withStacktrace;
    private final Map<String, Object> initialFields;
    private final Map<String, String> resource;

    LogLineFormatter(boolean json, boolean withCaller, boolean withStacktrace, Map<String, Object> initialFields,
                     Map<String, String> resource) {
        this.json = json;
        this.withCaller = withCaller;
        this.withStacktrace = withStacktrace;
        this.initialFields = initialFields == null ? Map.of() : new LinkedHashMap<>(initialFields);
        this.resource = resource == null ? Map.of() : new LinkedHashMap<>(resource);
    }

    /** JSON, with caller and stack traces, no extra fields: what Main installs before the configuration is read. */
    static LogLineFormatter defaultJson() {
        return new LogLineFormatter(true, true, true, Map.of(), Map.of());
    }

    @Override
    public String format(LogRecord record) {
        String time = TIME.format(Instant.ofEpochMilli(record.getMillis()));
        String level = levelName(record.getLevel());
        String message = formatMessage(record);
        String caller = withCaller && record.getSourceClassName() != null
                ? shortClass(record.getSourceClassName()) + "." + record.getSourceMethodName() : null;
        String exception = record.getThrown() == null ? null
                : withStacktrace ? stackTrace(record.getThrown()) : record.getThrown().toString();
        StringBuilder b = new StringBuilder(160);
        if (json) {
            b.append("{\"time\":\"").append(time).append("\",\"level\":\"").append(level).append("\",\"logger\":");
            Json.quote(b, record.getLoggerName() == null ? "" : record.getLoggerName());
            b.append(",\"message\":");
            Json.quote(b, message == null ? "" : message);
            if (caller != null) {
                b.append(",\"caller\":");
                Json.quote(b, caller);
            }
            if (exception != null) {
                b.append(",\"exception\":");
                Json.quote(b, exception);
            }
            for (Map.Entry<String, Object> f : initialFields.entrySet()) {
                b.append(',');
                Json.quote(b, f.getKey());
                b.append(':');
                Json.value(b, f.getValue());
            }
            if (!resource.isEmpty()) {
                b.append(",\"resource\":");
                Json.value(b, resource);
            }
            return b.append("}\n").toString();
        }
        b.append(time).append('\t').append(level).append('\t').append(record.getLoggerName()).append('\t');
        if (caller != null) {
            b.append(caller).append('\t');
        }
        b.append(message);
        Map<String, Object> fields = new LinkedHashMap<>(initialFields);
        if (!resource.isEmpty()) {
            fields.put("resource", resource);
        }
        if (!fields.isEmpty()) {
            b.append('\t');
            Json.value(b, fields);
        }
        b.append('\n');
        if (exception != null) {
            b.append(exception);
            if (!exception.endsWith("\n")) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** JUL levels as the Collector names its log levels. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (v >= Level.WARNING.intValue()) {
            return "warn";
        }
        if (v >= Level.INFO.intValue()) {
            return "info";
        }
        return "debug";
    }

    private static String shortClass(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
