package io.meltgate.core.health.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.meltgate.core.component.Extension;
import io.meltgate.core.component.ListeningComponent;
import io.meltgate.core.health.HealthRegistry;
import io.meltgate.core.health.HealthStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the service's health on {@code endpoint} + {@code path} with the JDK's HttpServer: a JSON object with
 * the overall status and each component's status and message; HTTP 200 when every component is HEALTHY, 503
 * otherwise (so UNKNOWN, before start, is "not ready"). Requests are answered on one small daemon thread.
 */
public final class HealthCheckExtension implements Extension, ListeningComponent {

    private final HealthCheckSettings settings;
    private final HealthRegistry health;
    private final Instant upSince = Instant.now();
    private HttpServer server;
    private ExecutorService executor;

    public HealthCheckExtension(HealthCheckSettings settings, HealthRegistry health) {
        this.settings = settings;
        this.health = health;
    }

    @Override
    public void start() throws IOException {
        InetSocketAddress at = parseEndpoint(settings.endpoint());
        try {
            server = HttpServer.create(at, 16);
        } catch (IOException e) {
            throw new IOException("health_check cannot listen on " + settings.endpoint() + ": " + e.getMessage(), e);
        }
        server.createContext(settings.path(), this::serve);
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "meltgate-health-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(settings.path())
                    && !exchange.getRequestURI().getPath().equals(settings.path() + "/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            HealthStatus overall = health.overall();
            boolean healthy = overall == HealthStatus.HEALTHY;
            settings.responseHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            String fixed = settings.responseBody() == null ? null
                    : healthy ? settings.responseBody().healthy() : settings.responseBody().unhealthy();
            byte[] body;
            if (fixed != null && !fixed.isEmpty()) {
                body = fixed.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            } else {
                body = report(overall).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            int code = healthy ? 200 : 503;
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(code, -1);
                return;
            }
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** {@code {"status":"HEALTHY","upSince":...,"uptime":...,"components":{"exporter:otlp":{"status":...,"message":...,"since":...}}}} */
    String report(HealthStatus overall) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"status\":\"").append(overall).append('"');
        b.append(",\"upSince\":\"").append(upSince).append('"');
        b.append(",\"uptime\":\"").append(goDuration(Duration.between(upSince, Instant.now()))).append('"');
        b.append(",\"components\":{");
        boolean first = true;
        for (Map.Entry<String, HealthRegistry.Entry> e : health.snapshot().entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(b, e.getKey());
            b.append(":{\"status\":\"").append(e.getValue().status()).append("\",\"message\":");
            quote(b, e.getValue().message());
            b.append(",\"since\":\"").append(e.getValue().since()).append("\"}");
        }
        return b.append("}}").toString();
    }

    private static String goDuration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.3fs", ms / 1000.0);
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    @Override
    public List<Endpoint> endpoints() {
        return server == null ? List.of() : List.of(new Endpoint("http", server.getAddress()));
    }

    @Override
    public void shutdown() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** {@code host:port} ({@code :13133} and {@code 0.0.0.0:13133} mean every interface; {@code [::1]:13133} IPv6). */
    static InetSocketAddress parseEndpoint(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("must be host:port, got '" + endpoint + "'");
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has an invalid port: '" + endpoint + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: '" + endpoint + "'");
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
