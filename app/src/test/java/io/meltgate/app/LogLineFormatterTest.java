package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {

    private static LogRecord record(Level level, String message, Throwable thrown) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("io.meltgate.core.service.Service");
        r.setInstant(java.time.Instant.parse("2026-11-29T19:33:08.450Z"));
        r.setSourceClassName("io.meltgate.core.service.Service");
        r.setSourceMethodName("start");
        r.setThrown(thrown);
        return r;
    }

    @Test
    void jsonLineWithEveryField() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("deployment", "eu-1");
        fields.put("shard", 3L);
        LogLineFormatter f = new LogLineFormatter(true, true, true, fields, Map.of("service.name", "gw"));
        String line = f.format(record(Level.INFO, "pipeline \"traces\" ready\n", null));
        assertEquals("{\"time\":\"2026-11-29T19:33:08.450Z\",\"level\":\"info\",\"logger\":\"io.meltgate.core.service.Service\","
                + "\"message\":\"pipeline \\\"traces\\\" ready\\n\",\"caller\":\"Service.start\",\"deployment\":\"eu-1\",\"shard\":3,"
                + "\"resource\":{\"service.name\":\"gw\"}}\n", line);
    }

    @Test
    void exceptionIsOneEscapedFieldSoTheRecordStaysOneLine() {
        String line = LogLineFormatter.defaultJson().format(record(Level.SEVERE, "boom", new IllegalStateException("bad\tstate")));
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("\"level\":\"error\""), line);
        assertTrue(line.contains("\"exception\":\"java.lang.IllegalStateException: bad\\tstate\\n\\tat "), line);
        String noStack = new LogLineFormatter(true, false, false, Map.of(), Map.of())
                .format(record(Level.WARNING, "careful", new IllegalStateException("x")));
        assertTrue(noStack.endsWith("\"message\":\"careful\",\"exception\":\"java.lang.IllegalStateException: x\"}\n"), noStack);
        assertFalse(noStack.contains("caller"), noStack);
    }

    @Test
    void consoleEncodingIsTabSeparated() {
        LogLineFormatter f = new LogLineFormatter(false, true, true, Map.of("deployment", "eu-1"), Map.of());
        assertEquals("2026-11-29T19:33:08.450Z\twarn\tio.meltgate.core.service.Service\tService.start\tslow\t{\"deployment\":\"eu-1\"}\n",
                f.format(record(Level.WARNING, "slow", null)));
    }

    @Test
    void julLevelsAreNamedAsTheCollectorNamesItsLevels() {
        assertEquals(List.of("error", "warn", "info", "debug", "debug", "debug"),
                List.of(Level.SEVERE, Level.WARNING, Level.INFO, Level.CONFIG, Level.FINE, Level.FINEST).stream()
                        .map(LogLineFormatter::levelName).toList());
        assertEquals(Level.FINE, Logging.julLevel("debug"));
        assertEquals(Level.WARNING, Logging.julLevel("warn"));
        assertEquals(Level.SEVERE, Logging.julLevel("fatal"));
    }
}
