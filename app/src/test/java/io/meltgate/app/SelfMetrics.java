package io.meltgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meltgate.core.service.Service;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a running gateway's own /metrics, for end-to-end tests that check its counters. */
final class SelfMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");
    private static final List<String> KEPT_LABELS = List.of("receiver=", "exporter=", "processor=", "transport=");

    private SelfMetrics() {
    }

    /**
     * The gateway's /metrics shows this value. Polled briefly: the backend records a request before the
     * exporter's send returns and the sent counter moves.
     */
    static void assertValue(Service gateway, String key, double expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Map<String, Double> metrics = scrape(gateway);
        while (!Double.valueOf(expected).equals(metrics.get(key)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            metrics = scrape(gateway);
        }
        Map<String, Double> last = metrics;
        assertEquals(expected, metrics.get(key), () -> key + " in " + new TreeMap<>(last));
    }

    /** The gateway's /metrics as name{sorted labels} -> value, keeping only the component and transport labels. */
    static Map<String, Double> scrape(Service gateway) throws Exception {
        InetSocketAddress address = gateway.metricsAddress().orElseThrow();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + address.getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        Map<String, Double> out = new HashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            String labels = m.group(2) == null ? "" : m.group(2);
            List<String> kept = new ArrayList<>();
            for (String l : labels.replaceAll("[{}]", "").split(",")) {
                if (KEPT_LABELS.stream().anyMatch(l::startsWith)) {
                    kept.add(l);
                }
            }
            kept.sort(null);
            String key = m.group(1) + (kept.isEmpty() ? "" : "{" + String.join(",", kept) + "}");
            out.merge(key, Double.parseDouble(m.group(3)), Double::sum);
        }
        return out;
    }
}
