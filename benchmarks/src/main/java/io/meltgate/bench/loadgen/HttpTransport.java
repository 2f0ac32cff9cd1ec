package io.meltgate.bench.loadgen;

import io.meltgate.core.signal.Signal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** OTLP/HTTP with binary protobuf bodies ({@code POST /v1/traces} ...), HTTP/1.1 with kept-alive connections. */
public final class HttpTransport implements OtlpTransport {

    private final Signal signal;
    private final URI uri;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;

    /** @param target host:port, or a base URL (http://host:port) */
    public HttpTransport(String target, Signal signal, Duration timeout) {
        this.signal = signal;
        String base = target.startsWith("http://") || target.startsWith("https://") ? target : "http://" + target;
        this.uri = URI.create(base.replaceAll("/+$", "") + "/v1/" + signal.yamlName());
        this.timeout = timeout;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "loadgen-http");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(timeout).build();
    }

    @Override
    public void send(byte[] body, Callback callback) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            if (error != null) {
                callback.done(Outcome.FAILED, 0, error.getClass().getSimpleName());
                return;
            }
            int code = response.statusCode();
            if (code == 200) {
                callback.done(Outcome.ACCEPTED, PartialSuccess.rejectedItems(signal, response.body()), "200");
            } else if (code == 429 || code == 502 || code == 503 || code == 504) {
                callback.done(Outcome.REFUSED, 0, Integer.toString(code));
            } else {
                callback.done(Outcome.FAILED, 0, Integer.toString(code));
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
