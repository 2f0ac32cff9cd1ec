package io.meltgate.exporter.prometheusremotewrite;

import io.meltgate.core.component.ComponentContext;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.delivery.BatchSender;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.delivery.SendResult;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.meltgate.core.tls.TlsClientContext;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends a metric batch to a remote write endpoint: converts it ({@link PrometheusConverter}), encodes and
 * splits it ({@link WriteRequestEncoder}), compresses each request with snappy and POSTs them, up to
 * {@code max_batch_request_parallelism} at once, with the JDK's {@link HttpClient}.
 *
 * <p>Classification, as the Collector's exporter does it: 2xx is success; 5xx and 429 are retryable (with
 * the server's {@code Retry-After}); other statuses are permanent (the batch is dropped and counted). Network
 * failures and timeouts are retryable. Metrics that cannot be converted (delta temporality, ...) are
 * reported as rejected items of an otherwise successful send, so the engine counts them as failed.
 *
 * <p>The JDK client (not Netty's) because one POST per request is all this protocol needs: it pools
 * connections, is thread-safe, speaks HTTPS with a plain {@link SSLContext}, and adds no dependency.
 */
final class RemoteWriteSender implements BatchSender {

    static final String USER_AGENT = "meltgate/" + version();
    private static final int MAX_ERROR_BODY = 256;

    private final PrometheusRemoteWriteSettings settings;
    private final RemoteWriteEncoding encoding;
    private final URI endpoint;
    private final int parallelism;
    private final Counter failedTranslations;
    private final Counter translatedSeries;
    private final Counter sentBatches;
    private volatile HttpClient client;

    RemoteWriteSender(PrometheusRemoteWriteSettings settings, ComponentContext context) {
        this.settings = settings;
        this.encoding = new RemoteWriteEncoding(settings);
        this.endpoint = URI.create(settings.endpoint());
        this.parallelism = settings.requestParallelism();
        this.failedTranslations = Counter.builder("otelcol_exporter_prometheusremotewrite_failed_translations")
                .description("Number of translation operations that failed to translate metrics from Otel to Prometheus")
                .tags(context.tags()).register(context.meters());
        this.translatedSeries = Counter.builder("otelcol_exporter_prometheusremotewrite_translated_time_series")
                .description("Number of Prometheus time series that were translated from OTel metrics")
                .tags(context.tags()).register(context.meters());
        this.sentBatches = Counter.builder("otelcol_exporter_prometheusremotewrite_sent_batches")
                .description("Number of remote write request batches sent to the remote write endpoint regardless of success or failure")
                .tags(context.tags()).register(context.meters());
    }

    @Override
    public void start() throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder()
                // HTTP/1.1 everywhere: no h2c upgrade dance with plain-text receivers.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!settings.timeout().isZero()) {
            b.connectTimeout(settings.timeout());
        }
        if (endpoint.getScheme().equalsIgnoreCase("https") && settings.tls() != null) {
            TlsClientContext tls = TlsClientContext.from(settings.tls());
            b.sslContext(tls.sslContext());
            SSLParameters params = new SSLParameters();
            params.setProtocols(tls.protocols().toArray(new String[0]));
            if (tls.serverNameOverride() != null) {
                params.setServerNames(List.of(new SNIHostName(tls.serverNameOverride())));
            }
            b.sslParameters(params);
        }
        client = b.build();
    }

    @Override
    public void shutdown() {
        client = null; // the JDK client closes its idle connections when collected
    }

    @Override
    public SendResult send(Batch batch, Duration timeout) throws SendException {
        if (!(batch instanceof MetricBatch metrics)) {
            throw SendException.permanent("prometheusremotewrite exports metrics only, got " + batch.signal(), null);
        }
        RemoteWriteEncoding.Encoded encoded = encoding.encode(metrics.resourceMetrics());
        translatedSeries.increment(encoded.series());
        if (encoded.failedMetrics() > 0) {
            failedTranslations.increment(encoded.failedMetrics());
        }
        post(encoded.bodies(), batch, timeout);
        return encoded.droppedPoints() > 0 ? SendResult.partial(encoded.droppedPoints(), encoded.errors()) : SendResult.OK;
    }

    /** Posts every request; the first retryable failure wins over permanent ones, so the batch is retried. */
    private void post(List<byte[]> requests, Batch batch, Duration timeout) throws SendException {
        HttpClient http = client;
        if (http == null) {
            throw SendException.retryable("exporter is not started", null);
        }
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        SendException retryable = null;
        SendException permanent = null;
        for (int from = 0; from < requests.size(); from += parallelism) {
            int to = Math.min(requests.size(), from + parallelism);
            List<CompletableFuture<HttpResponse<InputStream>>> inFlight = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                inFlight.add(http.sendAsync(request(requests.get(i), batch, deadline), HttpResponse.BodyHandlers.ofInputStream()));
                sentBatches.increment();
            }
            for (CompletableFuture<HttpResponse<InputStream>> f : inFlight) {
                try {
                    check(await(f, deadline));
                } catch (SendException e) {
                    if (e.isRetryable()) {
                        retryable = retryable == null ? e : retryable;
                    } else {
                        permanent = permanent == null ? e : permanent;
                    }
                }
            }
            if (retryable != null) {
                break; // the whole batch will be tried again; sending the rest now would only add duplicates
            }
        }
        if (retryable != null) {
            throw retryable;
        }
        if (permanent != null) {
            throw permanent;
        }
    }

    private HttpRequest request(byte[] compressedBody, Batch batch, long deadline) {
        HttpRequest.Builder r = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressedBody));
        if (deadline != Long.MAX_VALUE) {
            r.timeout(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
        }
        if (settings.headers() != null) {
            for (Map.Entry<String, String> h : settings.headers().entrySet()) {
                if (!PrometheusRemoteWriteSettings.PROTOCOL_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    r.header(h.getKey(), h.getValue());
                }
            }
        }
        if (settings.includeMetadataKeys() != null) {
            for (String key : settings.includeMetadataKeys()) {
                List<String> values = batch.metadata().headers().get(key.toLowerCase(Locale.ROOT));
                if (values != null) {
                    for (String v : values) {
                        r.header(key, v);
                    }
                }
            }
        }
        // Set last so that no configured header can replace them.
        return r.setHeader("Content-Encoding", "snappy")
                .setHeader("Content-Type", "application/x-protobuf")
                .setHeader("X-Prometheus-Remote-Write-Version", "0.1.0")
                .setHeader("User-Agent", USER_AGENT)
                .build();
    }

    private static HttpResponse<InputStream> await(CompletableFuture<HttpResponse<InputStream>> f, long deadline)
            throws SendException {
        try {
            long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, deadline - System.nanoTime());
            return f.get(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw SendException.retryable("interrupted while sending", e);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw SendException.retryable("remote write request timed out", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String what = cause instanceof HttpTimeoutException ? "remote write request timed out" : "remote write request failed";
            throw SendException.retryable(what + ": " + cause, cause);
        }
    }

    private static void check(HttpResponse<InputStream> response) throws SendException {
        int status = response.statusCode();
        String body = readSome(response.body());
        if (status >= 200 && status < 300) {
            return;
        }
        String message = "remote write returned HTTP status " + status + (body.isEmpty() ? "" : ": " + body);
        if (status == 429 || status >= 500) {
            throw SendException.retryable(message, null, retryAfter(response).orElse(null));
        }
        throw SendException.permanent("Permanent error: " + message, null);
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(RemoteWriteSender::parseRetryAfter);
    }

    static java.util.Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds >= 0 ? java.util.Optional.of(Duration.ofSeconds(seconds)) : java.util.Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return java.util.Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e) {
                return java.util.Optional.empty();
            }
        }
    }

    private static String readSome(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String version() {
        String v = RemoteWriteSender.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = RemoteWriteSender.class.getResourceAsStream("/META-INF/maven/io.meltgate/exporters/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "dev";
    }
}
