package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code meltgate run} as a real process (the test class path, {@link Main}), checks the startup log,
 * health and metrics endpoints, then sends SIGTERM ({@link Process#destroy()}) and expects a graceful stop
 * with exit code 0 and nothing but JSON lines on stderr.
 */
class GracefulStopTest {

    private static final Pattern HEALTH = Pattern.compile("health_check listening on \\[http://127\\.0\\.0\\.1:(\\d+)]");
    private static final Pattern METRICS = Pattern.compile("self-metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @Test
    void sigtermStopsGracefullyWithExitCode0(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, MainTest.VALID.replace("""
                    metrics:
                      level: none
                """, """
                    metrics:
                      readers:
                        - pull:
                            exporter:
                              prometheus:
                                host: 127.0.0.1
                                port: 0
                    logs:
                      initial_fields:
                        deployment: test
                """));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // stderr goes to a file, not a pipe: when a child exits, the JDK's process reaper closes the pipe under a
        // reading thread, which can lose the last lines (exactly the ones about stopping that we check).
        Path stderr = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--config", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        java.util.function.Supplier<List<String>> lines = () -> {
            try {
                return Files.readAllLines(stderr, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return List.of();
            }
        };
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.get().stream().noneMatch(l -> l.contains("meltgate is ready")) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<String> started = lines.get();
            assertTrue(started.stream().anyMatch(l -> l.contains("meltgate is ready")), () -> "no ready line; stderr: " + started);
            assertTrue(started.stream().anyMatch(l -> l.contains("pipeline traces ready: receivers=[idle] processors=[batch] exporters=[debug]")),
                    started::toString);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String healthPort = find(started, HEALTH);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"exporter:debug\":{\"status\":\"HEALTHY\""), health.body());
            String metricsPort = find(started, METRICS);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("meltgate_pipeline_ring_capacity_slots"), metrics.body());

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not stop within 60s");
            List<String> all = lines.get();
            assertEquals(0, p.exitValue(), () -> "stderr: " + String.join("\n", all));
            assertTrue(all.stream().anyMatch(l -> l.contains("received SIGTERM; stopping gracefully")), all::toString);
            assertTrue(all.stream().anyMatch(l -> l.contains("\"message\":\"meltgate stopped\"")), all::toString);
            for (String l : all) {
                assertTrue(l.startsWith("{\"time\":\"") && l.endsWith("}"), () -> "not a JSON log line: " + l);
                assertTrue(l.contains("\"deployment\":\"test\""), () -> "initial_fields missing: " + l);
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static String find(List<String> lines, Pattern pattern) {
        for (String l : lines) {
            Matcher m = pattern.matcher(l);
            if (m.find()) {
                return m.group(1);
            }
        }
        return fail("no line matches " + pattern + " in " + lines);
    }
}
