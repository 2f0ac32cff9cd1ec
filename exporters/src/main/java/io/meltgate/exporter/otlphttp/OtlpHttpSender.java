package io.meltgate.exporter.otlphttp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.meltgate.core.data.Batch;
import io.meltgate.core.data.LogBatch;
import io.meltgate.core.data.MetricBatch;
import io.meltgate.core.data.SpanBatch;
import io.meltgate.core.delivery.BatchSender;
import io.meltgate.core.delivery.SendException;
import io.meltgate.core.delivery.SendResult;
import io.meltgate.core.otlp.wire.ExportRequestEncoder;
import io.meltgate.core.otlp.json.OtlpJson;
import io.meltgate.core.otlp.json.OtlpJsonException;
import io.meltgate.core.signal.Signal;
import io.meltgate.core.tls.TlsClientContext;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

/**
 * Sends one batch as one OTLP/HTTP POST and classifies the answer as the OTLP specification says: 2xx is
 * success (its {@code partial_success} read from the body), 429, 502, 503 and 504 are retryable (honouring
 * {@code Retry-After}, in seconds or as an HTTP date), every other status is permanent; connection failures
 * and timeouts are retryable. The error's message is read from the {@code google.rpc.Status} body.
 *
 * <p>Why the JDK's {@link HttpClient} rather than Netty's: the engine's sender threads already give us the
 * concurrency, so a blocking {@code send} per batch is all we need; the JDK client pools connections, speaks
 * HTTP/1.1 and HTTP/2 (h2 over TLS when the server offers it), takes an {@code SSLContext} straight from
 * {@link TlsClientContext}, and adds no dependency. Netty would only pay off for thousands of concurrent
 * requests, which one exporter never has.
 */
final class OtlpHttpSender implements BatchSender {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OtlpHttpExporterSettings settings;
    private final Map<Signal, URI> uris = new EnumMap<>(Signal.class);
    private final boolean json;
    private final boolean gzip;
    private volatile HttpClient client;

    OtlpHttpSender(OtlpHttpExporterSettings settings) {
        this.settings = settings;
        for (Signal s : Signal.values()) {
            if (settings.endpoint() != null && !settings.endpoint().isBlank() || hasOwnEndpoint(s)) {
                uris.put(s, settings.uriFor(s));
            }
        }
        this.json = "json".equals(settings.encoding());
        this.gzip = "gzip".equals(settings.compression());
    }

    private boolean hasOwnEndpoint(Signal s) {
        String own = switch (s) {
            case TRACES -> settings.tracesEndpoint();
            case METRICS -> settings.metricsEndpoint();
            case LOGS -> settings.logsEndpoint();
        };
        return own != null && !own.isBlank();
    }

    @Override
    public void start() throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        boolean anyHttps = uris.values().stream().anyMatch(u -> "https".equalsIgnoreCase(u.getScheme()));
        if (anyHttps && settings.tls() != null) {
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
    public SendResult send(Batch batch, Duration timeout) throws SendException {
        URI uri = uris.get(batch.signal());
        if (uri == null) {
            throw SendException.permanent("no endpoint configured for " + batch.signal(), null);
        }
        byte[] body = json ? OtlpJson.encode(request(batch)) : ExportRequestEncoder.encode(batch);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .header("Content-Type", json ? "application/json" : "application/x-protobuf")
                .header("User-Agent", "meltgate");
        if (gzip) {
            body = gzip(body);
            rb.header("Content-Encoding", "gzip");
        }
        if (settings.headers() != null) {
            settings.headers().forEach(rb::header);
        }
        if (!timeout.isZero()) {
            rb.timeout(timeout);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(rb.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw SendException.retryable("POST " + uri + " timed out after " + timeout, e);
        } catch (IOException e) {
            throw SendException.retryable("POST " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SendException.retryable("interrupted while sending to " + uri, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return partialSuccess(batch.signal(), response);
        }
        String message = "POST " + uri + " answered HTTP " + status + errorMessage(response);
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            throw SendException.retryable(message, null, retryAfter(response));
        }
        throw SendException.permanent(message, null);
    }

    private static Message request(Batch batch) {
        if (batch instanceof SpanBatch b) {
            return b.toRequest();
        } else if (batch instanceof MetricBatch b) {
            return b.toRequest();
        }
        return ((LogBatch) batch).toRequest();
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        // zlib's fastest level: most of the size reduction for a fraction of the default level's CPU.
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new IllegalStateException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static boolean isJson(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("application/json");
    }

    /** The {@code partial_success} of a 2xx answer, in the encoding the server answered with. */
    private static SendResult partialSuccess(Signal signal, HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return SendResult.OK;
        }
        try {
            boolean json = isJson(response);
            return switch (signal) {
                case TRACES -> {
                    var r = json ? OtlpJson.merge(body, ExportTraceServiceResponse.newBuilder()).build()
                            : ExportTraceServiceResponse.parseFrom(body);
                    yield SendResult.partial(r.getPartialSuccess().getRejectedSpans(), r.getPartialSuccess().getErrorMessage());
                }
                case METRICS -> {
                    var r = json ? OtlpJson.merge(body, ExportMetricsServiceResponse.newBuilder()).build()
                            : ExportMetricsServiceResponse.parseFrom(body);
                    yield SendResult.partial(r.getPartialSuccess().getRejectedDataPoints(),
                            r.getPartialSuccess().getErrorMessage());
                }
                case LOGS -> {
                    var r = json ? OtlpJson.merge(body, ExportLogsServiceResponse.newBuilder()).build()
                            : ExportLogsServiceResponse.parseFrom(body);
                    yield SendResult.partial(r.getPartialSuccess().getRejectedLogRecords(),
                            r.getPartialSuccess().getErrorMessage());
                }
            };
        } catch (InvalidProtocolBufferException | OtlpJsonException e) {
            // The data was accepted (2xx); an unreadable answer body does not make it fail.
            return SendResult.OK;
        }
    }

    /** ": <message>" from the {@code google.rpc.Status} body, or a short excerpt of a body of another kind. */
    private static String errorMessage(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            com.google.rpc.Status s = isJson(response)
                    ? OtlpJson.merge(body, com.google.rpc.Status.newBuilder()).build()
                    : com.google.rpc.Status.parseFrom(body);
            if (!s.getMessage().isEmpty()) {
                return ": " + s.getMessage();
            }
        } catch (InvalidProtocolBufferException | OtlpJsonException | RuntimeException e) {
            // not a Status: fall through to the text excerpt
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(OtlpHttpSender::parseRetryAfter).orElse(null);
    }

    static Duration parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ex) {
                return null;
            }
        }
    }
}
