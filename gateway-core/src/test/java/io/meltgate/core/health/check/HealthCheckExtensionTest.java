package io.meltgate.core.health.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meltgate.core.component.ComponentId;
import io.meltgate.core.component.ComponentKind;
import io.meltgate.core.component.ListeningComponent.Endpoint;
import io.meltgate.core.health.HealthRegistry;
import io.meltgate.core.health.HealthReporter;
import io.meltgate.core.health.HealthStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckExtensionTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HealthRegistry registry = new HealthRegistry();
    private HealthCheckExtension extension;

    @AfterEach
    void stop() {
        if (extension != null) {
            extension.shutdown();
        }
    }

    private HealthCheckExtension start(HealthCheckSettings settings) throws IOException {
        extension = new HealthCheckExtension(settings, registry);
        extension.start();
        return extension;
    }

    private static HealthCheckSettings on(String path) {
        return new HealthCheckSettings("127.0.0.1:0", path, null, null, Map.of());
    }

    private HttpResponse<String> get(String path) throws Exception {
        Endpoint e = extension.endpoints().get(0);
        URI uri = URI.create("http://127.0.0.1:" + e.address().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reportsEveryComponentAnd200OnlyWhenAllAreHealthy() throws Exception {
        HealthReporter receiver = registry.register(ComponentKind.RECEIVER, ComponentId.of("otlp"));
        HealthReporter exporter = registry.register(ComponentKind.EXPORTER, ComponentId.parse("otlp/backend"));
        start(on("/"));
        assertEquals("http", extension.endpoints().get(0).transport());

        HttpResponse<String> unknown = get("/");
        assertEquals(503, unknown.statusCode(), "UNKNOWN (not started) is not healthy");
        assertTrue(unknown.body().startsWith("{\"status\":\"UNKNOWN\""), unknown.body());
        assertEquals("application/json", unknown.headers().firstValue("Content-Type").orElse(""));

        receiver.healthy();
        exporter.report(HealthStatus.DEGRADED, "retrying: \"backend\" unavailable");
        HttpResponse<String> degraded = get("/");
        assertEquals(503, degraded.statusCode());
        assertTrue(degraded.body().startsWith("{\"status\":\"DEGRADED\""), degraded.body());
        assertTrue(degraded.body().contains("\"exporter:otlp/backend\":{\"status\":\"DEGRADED\",\"message\":\"retrying: \\\"backend\\\" unavailable\""),
                degraded.body());
        assertTrue(degraded.body().contains("\"receiver:otlp\":{\"status\":\"HEALTHY\""), degraded.body());

        exporter.healthy();
        HttpResponse<String> healthy = get("/");
        assertEquals(200, healthy.statusCode());
        assertTrue(healthy.body().startsWith("{\"status\":\"HEALTHY\""), healthy.body());
        assertTrue(healthy.body().contains("\"upSince\":\""), healthy.body());

        exporter.report(HealthStatus.UNHEALTHY, "gave up");
        assertEquals(503, get("/").statusCode());
    }

    @Test
    void servesOnTheConfiguredPathOnly() throws Exception {
        registry.register(ComponentKind.RECEIVER, ComponentId.of("otlp")).healthy();
        start(on("/health/status"));
        assertEquals(200, get("/health/status").statusCode());
        assertEquals(404, get("/other").statusCode());
        assertEquals(404, get("/health/statusx").statusCode());
    }

    @Test
    void fixedResponseBodiesAndHeaders() throws Exception {
        HealthReporter r = registry.register(ComponentKind.RECEIVER, ComponentId.of("otlp"));
        start(new HealthCheckSettings("127.0.0.1:0", "/", new HealthCheckSettings.ResponseBody("I'm OK", "I'm not well"),
                null, Map.of("X-Probe", "meltgate")));
        HttpResponse<String> bad = get("/");
        assertEquals(503, bad.statusCode());
        assertEquals("I'm not well", bad.body());
        assertEquals("meltgate", bad.headers().firstValue("X-Probe").orElse(""));
        r.healthy();
        HttpResponse<String> good = get("/");
        assertEquals(200, good.statusCode());
        assertEquals("I'm OK", good.body());
    }

    @Test
    void aTakenPortFailsTheStartWithTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            HealthCheckExtension x = new HealthCheckExtension(
                    new HealthCheckSettings("127.0.0.1:" + taken.getLocalPort(), "/", null, null, Map.of()), registry);
            IOException e = assertThrows(IOException.class, x::start);
            assertTrue(e.getMessage().startsWith("health_check cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void settingsValidation() {
        assertEquals(List.of(), HealthCheckSettings.defaults().validate());
        assertEquals("localhost:13133", new HealthCheckFactory().defaultSettings().endpoint());
        assertEquals(List.of("path must start with /, got 'x'"),
                new HealthCheckSettings("localhost:1", "x", null, null, Map.of()).validate());
        assertEquals(List.of("endpoint must be host:port, got 'nohost'"),
                new HealthCheckSettings("nohost", "/", null, null, Map.of()).validate());
        assertEquals(List.of("endpoint must be specified (host:port)"),
                new HealthCheckSettings("", "/", null, null, Map.of()).validate());
    }
}
