package io.meltgate.exporter.prometheusremotewrite;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus for tests: Debian's {@code /usr/bin/prometheus} (CI installs it with
 * {@code .ci/install-prometheus.sh}), started on 127.0.0.1 with a free port, its remote-write receiver and
 * native histograms and exemplar storage on, and a temporary storage path; stopped and started again on the
 * same port and path to simulate an outage. Queries go through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus");

    private final Path binary;
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private PrometheusServer(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** Starts Prometheus, or fails the test (never skips) when the binary is missing. */
    static PrometheusServer start(Path dir) throws Exception {
        Path binary = CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            fail("The prometheus binary is missing (looked in " + CANDIDATES + "). This integration test needs a real "
                    + "Prometheus: run .ci/install-prometheus.sh (it installs Debian's prometheus package; CI runs it "
                    + "from .ci/run).");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n  evaluation_interval: 1h\n");
        PrometheusServer server = new PrometheusServer(binary, dir, port);
        server.startProcess();
        return server;
    }

    /** The remote write URL. */
    String writeEndpoint() {
        return "http://127.0.0.1:" + port + "/api/v1/write";
    }

    void startProcess() throws Exception {
        List<String> command = List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                // 2.33+ spells the receiver flag this way (older ones: --enable-feature=remote-write-receiver).
                "--web.enable-remote-write-receiver",
                // Needed in 2.x to ingest native histograms and to keep exemplars.
                "--enable-feature=native-histograms,exemplar-storage",
                "--log.level=warn");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/-/ready")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("prometheus was not ready within 30s:\n" + log());
    }

    /** A graceful stop (SIGTERM), so that the next start replays the same storage. */
    void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** An instant query: the {@code result} vector, each element {@code {metric: {...}, value: [t, "v"]}}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> query(String promql) throws Exception {
        Map<String, Object> data = (Map<String, Object>) get("/api/v1/query?query=" + enc(promql)).get("data");
        return (List<Map<String, Object>>) data.get("result");
    }

    /** Exemplars of the series a query selects, in the last hour. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> exemplars(String promql) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        return (List<Map<String, Object>>) get("/api/v1/query_exemplars?query=" + enc(promql) + "&start=" + (now - 3600)
                + "&end=" + (now + 60)).get("data");
    }

    /** Queries until the result is not empty (remote write is applied at once, but be kind to slow machines). */
    List<Map<String, Object>> awaitQuery(String promql, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<Map<String, Object>> r = query(promql);
        while (r.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = query(promql);
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    static double value(Map<String, Object> sample) {
        return Double.parseDouble((String) ((List<Object>) sample.get("value")).get(1));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> labels(Map<String, Object> sample) {
        return (Map<String, String>) sample.get("metric");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            fail("prometheus answered " + r.statusCode() + " to " + pathAndQuery + ": " + r.body());
        }
        try (JsonParser p = new JsonFactory().createParser(r.body())) {
            p.nextToken();
            return (Map<String, Object>) read(p);
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, read(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }

    @Override
    public void close() {
        try {
            stopProcess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
