package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process: exit codes and what is printed. */
class MainTest {

    /** A gateway that needs no real receiver: the test-only {@code idle} receiver, batch, debug. */
    static final String VALID = """
            receivers:
              idle:
            processors:
              batch:
                timeout: 100ms
            exporters:
              debug:
                verbosity: basic
            extensions:
              health_check:
                endpoint: 127.0.0.1:0
            service:
              extensions: [health_check]
              pipelines:
                traces:
                  receivers: [idle]
                  processors: [batch]
                  exporters: [debug]
              telemetry:
                metrics:
                  level: none
            """;

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void help() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: meltgate [command] [--config FILE]..."), r.out());
        for (String word : List.of("run", "validate", "components", "--config", "--version")) {
            assertTrue(r.out().contains(word), word);
        }
        assertEquals(r.out(), run("validate", "-h").out(), "--help wins over a command");
    }

    @Test
    void version() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("meltgate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), r.out());
    }

    @Test
    void usageErrorsExit2() {
        Result unknown = run("--bogus");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("meltgate: unknown option --bogus"), unknown.err());
        assertEquals(2, run("start").code());
        assertEquals(2, run("validate", "--config").code());
        assertEquals(2, run("validate", "extra").code());
    }

    @Test
    void componentsListsEachTypeByKindWithItsSignals() {
        Result r = run("components");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals("receivers:", lines.get(0));
        assertTrue(lines.contains("  idle                    traces, metrics, logs"), r.out());
        assertTrue(lines.contains("  batch                   traces, metrics, logs"), r.out());
        assertTrue(lines.contains("  debug                   traces, metrics, logs"), r.out());
        assertTrue(lines.contains("extensions:"), r.out());
        assertTrue(lines.contains("  health_check"), r.out());
        assertTrue(lines.indexOf("processors:") < lines.indexOf("  batch                   traces, metrics, logs"));
    }

    @Test
    void validateAValidFilePrintsOneOkLine(@TempDir Path dir) throws Exception {
        Path f = write(dir, "pipeline.yaml", VALID);
        Result r = run("validate", "--config", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("OK: " + f + " is valid (1 pipeline)"), r.out().lines().toList());
        assertEquals("", r.err());
    }

    @Test
    void validatePrintsEveryErrorWithPathAndLineAndExits1(@TempDir Path dir) throws Exception {
        Path f = write(dir, "pipeline.yaml", VALID
                .replace("timeout: 100ms", "timeout: soon")
                .replace("verbosity: basic", "verbosity: loud")
                .replace("exporters: [debug]", "exporters: [debug, otlp/backend]"));
        Result r = run("validate", "--config=" + f);
        assertEquals(1, r.code());
        assertEquals("", r.out());
        List<String> lines = r.errLines();
        assertEquals("meltgate: " + f + " has 3 errors:", lines.get(0));
        assertTrue(lines.get(1).startsWith("  processors::batch::timeout (line 5): invalid duration 'soon'"), lines.get(1));
        assertTrue(lines.get(2).startsWith("  exporters::debug::verbosity (line 8): invalid value 'loud'"), lines.get(2));
        assertTrue(lines.get(3).startsWith("  service::pipelines::traces::exporters[1] (line 18): pipeline traces references exporter 'otlp/backend'"),
                lines.get(3));
        assertEquals(4, lines.size());
    }

    @Test
    void validateMergesSeveralConfigsInOrder(@TempDir Path dir) throws Exception {
        Path base = write(dir, "base.yaml", VALID);
        Path more = write(dir, "more.yaml", """
                service:
                  pipelines:
                    logs:
                      receivers: [idle]
                      exporters: [debug]
                """);
        Result r = run("validate", "--config", base.toString(), "--config", more.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("OK: " + base + " + " + more + " is valid (2 pipelines)\n", r.out());
        Path bad = write(dir, "bad.yaml", "exporters:\n  debug:\n    verbosity: 3s\n");
        Result e = run("validate", "--config", base.toString(), "--config", bad.toString());
        assertEquals(1, e.code());
        assertTrue(e.err().contains("exporters::debug::verbosity (line 3 of " + bad + "): "), e.err());
    }

    @Test
    void validateReportsAMissingFile(@TempDir Path dir) {
        Result r = run("validate", "--config", dir.resolve("nope.yaml").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot read configuration file"), r.err());
    }

    @Test
    void runWithAnInvalidConfigExits1BeforeStartingAnything(@TempDir Path dir) throws Exception {
        Path f = write(dir, "pipeline.yaml", VALID.replace("receivers: [idle]", "receivers: []"));
        Result r = run("run", "--config", f.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("service::pipelines::traces::receivers (line 16): pipeline traces must have at least one receiver"), r.err());
    }

    @Test
    void aStartFailurePrintsOneClearLineAndExits1(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path f = write(dir, "pipeline.yaml", VALID.replace("127.0.0.1:0", "127.0.0.1:" + taken.getLocalPort()));
            // Without a subcommand, --config runs the gateway, as otelcol does.
            Result r = run("--config", f.toString());
            assertEquals(1, r.code());
            assertEquals(1, r.errLines().size(), r.err());
            String line = r.errLines().get(0);
            assertTrue(line.startsWith("meltgate: cannot start extension health_check: health_check cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()), line);
        }
    }

    @Test
    void theBuiltInConfigurationIsShipped() {
        String text = Main.defaultConfig().text();
        assertTrue(text.contains("endpoint: 0.0.0.0:4317"), text);
        assertTrue(text.contains("endpoint: 0.0.0.0:4318"), text);
        assertTrue(text.contains("endpoint: 0.0.0.0:13133"), text);
        assertTrue(text.contains("port: 8888"), text);
    }

    @Test
    void describesStartFailuresWithoutRepeatingCauses() {
        Exception e = new IllegalStateException("cannot start receiver otlp: Address already in use",
                new java.net.BindException("Address already in use"));
        assertEquals("cannot start receiver otlp: Address already in use", GatewayRunner.describe(e));
        Exception wrapped = new RuntimeException("bad certificate", new java.io.IOException("no such file: /x.pem"));
        assertEquals("bad certificate: no such file: /x.pem", GatewayRunner.describe(wrapped));
    }
}
