package io.meltgate.receiver.otlp.http;

import io.meltgate.receiver.otlp.OtlpHttpSettings;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cross-origin rules for browser SDKs, as the Collector applies its {@code cors} options: an origin is
 * allowed when it matches one of {@code allowed_origins} ({@code *} alone allows all; a {@code *} inside a
 * pattern stands for any characters); a preflight names POST and only headers that are simple or listed in
 * {@code allowed_headers} ({@code *} allows any); {@code max_age} is sent in seconds when set.
 */
final class CorsPolicy {

    /** Headers browsers may always send, as the Collector's CORS library allows them by default. */
    private static final Set<String> ALWAYS_ALLOWED = Set.of("accept", "accept-language", "content-type",
            "content-language", "x-requested-with", "origin");

    private final boolean anyOrigin;
    private final List<Pattern> origins = new ArrayList<>();
    private final boolean anyHeader;
    private final Set<String> headers;
    private final int maxAge;

    private CorsPolicy(OtlpHttpSettings.Cors cors) {
        boolean any = false;
        for (String o : cors.allowedOrigins()) {
            if (o.equals("*")) {
                any = true;
            } else {
                StringBuilder re = new StringBuilder();
                for (String part : o.toLowerCase(Locale.ROOT).split("\\*", -1)) {
                    if (re.length() > 0) {
                        re.append(".*");
                    }
                    re.append(Pattern.quote(part));
                }
                origins.add(Pattern.compile(re.toString()));
            }
        }
        this.anyOrigin = any;
        this.anyHeader = cors.allowedHeaders().contains("*");
        this.headers = new java.util.HashSet<>(ALWAYS_ALLOWED);
        cors.allowedHeaders().forEach(h -> headers.add(h.toLowerCase(Locale.ROOT)));
        this.maxAge = cors.maxAge();
    }

    /** The policy, or null when CORS is off (no {@code cors} section or no origins, as in the Collector). */
    static CorsPolicy of(OtlpHttpSettings.Cors cors) {
        return cors == null || cors.allowedOrigins().isEmpty() ? null : new CorsPolicy(cors);
    }

    boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        if (anyOrigin) {
            return true;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        for (Pattern p : origins) {
            if (p.matcher(o).matches()) {
                return true;
            }
        }
        return false;
    }

    static boolean isPreflight(String method, HttpHeaders h) {
        return "OPTIONS".equals(method) && h.contains(HttpHeaderNames.ORIGIN)
                && h.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /**
     * The answer to a preflight: 204, with the allow headers only when origin, method and headers pass (the
     * browser then refuses the real request by itself, as with the Collector).
     */
    FullHttpResponse preflight(HttpHeaders request) {
        FullHttpResponse r = HttpAnswers.empty(HttpResponseStatus.NO_CONTENT);
        r.headers().add(HttpHeaderNames.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        String origin = request.get(HttpHeaderNames.ORIGIN);
        String method = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        String asked = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "");
        if (!allows(origin) || !"POST".equalsIgnoreCase(method.trim()) || !headersAllowed(asked)) {
            return r;
        }
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin);
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST");
        if (!asked.isBlank()) {
            r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, asked);
        }
        if (maxAge > 0) {
            r.headers().setInt(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, maxAge);
        }
        return r;
    }

    /** Adds the headers an allowed cross-origin request's answer carries. */
    void decorate(String origin, FullHttpResponse response) {
        if (allows(origin)) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin);
            response.headers().add(HttpHeaderNames.VARY, "Origin");
        }
    }

    private boolean headersAllowed(String asked) {
        if (anyHeader || asked.isBlank()) {
            return true;
        }
        for (String h : asked.split(",")) {
            String name = h.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !headers.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
