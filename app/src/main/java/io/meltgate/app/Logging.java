package io.meltgate.app;

import io.meltgate.config.telemetry.LogsTelemetry;
import java.io.PrintStream;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Owns java.util.logging for the process: one handler on the root logger that writes one line per record
 * (see {@link LogLineFormatter}), replacing the JDK's two-line console format. Everything meltgate uses logs
 * through JUL (our classes, gRPC, and Netty when no other logging library is on the class path).
 */
final class Logging {

    /** Libraries that would flood a debug log with their internals; they stay at info. */
    private static final String[] CHATTY = {"io.grpc", "io.netty", "io.grpc.netty.shaded.io.netty", "com.lmax"};

    /** JUL holds loggers weakly: keep the ones we set a level on, or the level is lost when they are collected. */
    private static final java.util.List<Logger> PINNED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Logging() {
    }

    /** JSON lines at info on stderr, until the configuration says otherwise. */
    static void installDefault() {
        install(new LineHandler(System.err, LogLineFormatter.defaultJson()), Level.INFO);
    }

    /** Applies {@code service.telemetry.logs} (and the telemetry resource, added to every line). */
    static void configure(LogsTelemetry logs, Map<String, String> resource) {
        LogLineFormatter formatter = new LogLineFormatter("json".equals(logs.encoding()), !logs.disableCaller(),
                !logs.disableStacktrace(), logs.initialFields(), logs.disableZapResource() ? Map.of() : resource);
        install(new LineHandler(logs.toStdout() ? System.out : System.err, formatter), julLevel(logs.normalizedLevel()));
    }

    static Level julLevel(String level) {
        return switch (level) {
            case "debug" -> Level.FINE;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARNING;
            default -> Level.SEVERE;
        };
    }

    private static void install(Handler handler, Level level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
        for (String name : CHATTY) {
            Logger chatty = Logger.getLogger(name);
            PINNED.add(chatty);
            chatty.setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : null);
        }
    }

    /** Writes each formatted record to a stream at once, whole, so lines from several threads never interleave. */
    private static final class LineHandler extends Handler {
        private final PrintStream out;

        LineHandler(PrintStream out, Formatter formatter) {
            this.out = out;
            setFormatter(formatter);
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String line;
            try {
                line = getFormatter().format(record);
            } catch (RuntimeException e) {
                line = "{\"level\":\"error\",\"message\":\"cannot format a log record: " + e + "\"}\n";
            }
            synchronized (this) {
                out.print(line);
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
